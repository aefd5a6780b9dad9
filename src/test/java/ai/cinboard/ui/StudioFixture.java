package ai.cinboard.ui;

import ai.cinboard.ui.task.FxTaskExecutor;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** Builds the studio window on given services (the real stack, or the in-memory demo) for TestFX tests. */
final class StudioFixture {
    /**
     * The most any wait on an event (a property, a loaded window, an FX runnable) may take before the test fails.
     * Tests never sleep; they return as soon as the event happens, so this bound only decides when a stuck run is
     * declared failed. It is generous because a 2-core CI machine under load can keep the FX thread off the CPU for
     * tens of seconds (seen: a window start took 50 s when the tests shared the machine with four builds).
     */
    static final long EVENT_BOUND_MS = 120_000;

    final StudioServices services;
    final FxTaskExecutor executor = new FxTaskExecutor(2);
    final Preferences prefs = Preferences.userRoot().node("cinboard-test/" + UUID.randomUUID());
    StudioWindow window;
    Stage stage;

    /**
     * The pom selects the T2K rasterizer, which cannot draw CFF-outline fonts such as Noto Sans CJK: Japanese
     * titles would show as boxes. FreeType ("native") draws them. Only effective before the toolkit starts.
     */
    static void preferNativeText() {
        System.setProperty("prism.text", "native");
    }

    StudioFixture(StudioServices services) {
        this.services = services;
    }

    void start(Stage stage, double w, double h) {
        prefs.putDouble("width", w);
        prefs.putDouble("height", h);
        this.stage = stage;
        window = new StudioWindow(services, executor, prefs);
        window.show(stage);
    }

    void stop() {
        WaitForAsyncUtils.waitForAsyncFx(EVENT_BOUND_MS, () -> {
            if (stage != null) stage.hide();
            window.close(); // on the FX thread, as the application's stop() does: it stops timelines
        });
        executor.close();
        try {
            prefs.removeNode();
        } catch (BackingStoreException ignored) {
            // test preferences only
        }
    }

    /**
     * Monocle remembers the window of the first mouse event as its drag-and-drop window until a drag ends. After
     * an earlier test's window was closed, a drag in the new window would first "leave" the dead one and fail.
     * Clearing it lets the next drag start in the window under the mouse.
     */
    static void forgetStaleDragView() {
        try {
            Class<?> input = Class.forName("com.sun.glass.ui.monocle.MouseInput");
            java.lang.reflect.Method getInstance = input.getDeclaredMethod("getInstance");
            getInstance.setAccessible(true);
            Object instance = getInstance.invoke(null);
            java.lang.reflect.Field view = input.getDeclaredField("dragView");
            view.setAccessible(true);
            WaitForAsyncUtils.waitForAsyncFx(EVENT_BOUND_MS, () -> {
                try {
                    view.set(instance, null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Monocle's MouseInput changed; update the test fixture", e);
        }
    }

    static void fx(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(EVENT_BOUND_MS, r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes a snapshot of {@code scene} to target/screenshots (or cinboard.test.screenshots) as {@code name}. */
    static void screenshot(javafx.scene.Scene scene, String name) throws Exception {
        java.nio.file.Path dir =
                java.nio.file.Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        java.nio.file.Files.createDirectories(dir);
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> img =
                new java.util.concurrent.atomic.AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(EVENT_BOUND_MS, () -> img.set(scene.snapshot(null)));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(img.get(), null),
                "png",
                dir.resolve(name).toFile());
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds. */
    static void await(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(
                    EVENT_BOUND_MS,
                    TimeUnit.MILLISECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Lets the window finish what it shows: lays it out (which creates cells and starts their thumbnail loads),
     * waits until no thumbnail load is in flight (an FX-thread property set by the loader), then lays out again
     * for the images that arrived.
     */
    void settle() {
        fx(() -> layout());
        await(
                "thumbnails loaded",
                () -> window.thumbnails().viewModel().pendingProperty().get() == 0);
        fx(() -> layout());
        await(
                "thumbnails loaded after layout",
                () -> window.thumbnails().viewModel().pendingProperty().get() == 0);
    }

    private void layout() {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() != null) {
                w.getScene().getRoot().applyCss();
                w.getScene().getRoot().layout();
            }
        }
    }
}
