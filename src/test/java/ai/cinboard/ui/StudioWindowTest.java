package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.AuditEntry;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.ui.view.Theme;
import ai.cinboard.ui.viewmodel.CharacterCard;
import ai.cinboard.ui.viewmodel.KeyframeItem;
import ai.cinboard.ui.viewmodel.SceneRow;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Drives each view through its main actions with TestFX (headless Monocle) on the real stack: embedded
 * PostgreSQL, local media, and "The Last Ferry" rendered by the offline engine before the first window opens.
 * Every edit is checked where it must end up: in the database. Tests share the rendered studio, so each one
 * works on its own keyframe, scene or character, or leaves the state as it found it.
 */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private static RenderedStudio demo;
    private static int ferry;
    private final StudioFixture fx = new StudioFixture(demo.services);

    @BeforeAll
    static void renderDemoProject() {
        demo = new RenderedStudio(320, 180);
        ferry = demo.render("ferry.fountain");
    }

    @AfterAll
    static void closeStudio() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        demo.awaitJobs(); // the next test starts from a quiet database
        fx.stop();
    }

    private void openFerry(FxRobot robot) {
        StudioFixture.await(
                "library",
                () -> fx.window.viewModel().library().items().stream().anyMatch(p -> p.id() == ferry));
        // Select, then Enter: a double click is two presses whose gap the toolkit times, and a loaded machine
        // stretched it past the double-click interval (two single clicks, no project opened, in a 10x UI run).
        robot.clickOn("The Last Ferry");
        StudioFixture.await(
                "selected",
                () -> fx.window.viewModel().library().selectedProperty().get() != null
                        && fx.window
                                        .viewModel()
                                        .library()
                                        .selectedProperty()
                                        .get()
                                        .id()
                                == ferry);
        robot.type(KeyCode.ENTER);
        StudioFixture.await(
                "project",
                () -> Integer.valueOf(ferry)
                        .equals(fx.window.viewModel().model().projectId()));
        assertEquals(1, fx.window.tabs().getSelectionModel().getSelectedIndex(), "opening switches to the storyboard");
    }

    private static void shortcut(FxRobot robot, KeyCode... keys) {
        KeyCode[] all = new KeyCode[keys.length + 1];
        all[0] = KeyCode.CONTROL;
        System.arraycopy(keys, 0, all, 1, keys.length);
        robot.press(all);
        for (int i = all.length - 1; i >= 0; i--) robot.release(all[i]);
    }

    private static void replaceText(FxRobot robot, Node field, String text) {
        robot.clickOn(field);
        shortcut(robot, KeyCode.A);
        robot.write(text);
    }

    private String notification(FxRobot robot) {
        return robot.lookup("#notification").queryAs(Label.class).getText();
    }

    private static Keyframe keyframe(int id) {
        return demo.read(s -> s.getMapper(KeyframeMapper.class).findById(id));
    }

    private static List<Integer> sceneOrder() {
        return demo.read(s -> s.getMapper(SceneMapper.class).listByInputRecord(ferry)).stream()
                .map(Scene::id)
                .toList();
    }

    @Test
    void newProjectShowsLanguageAndPolicyBeforeItIsStoredThenCreatesIt(FxRobot robot) {
        StudioFixture.await(
                "library", () -> !fx.window.viewModel().library().items().isEmpty());
        int before = demo.read(s -> s.getMapper(InputRecordMapper.class).listSummaries(demo.studio.localUserId()))
                .size();
        shortcut(robot, KeyCode.N);
        robot.clickOn("#new-project-text")
                .write("INT. KITCHEN - DAY\n\nMara comes home late and finds the old lamp still"
                        + " burning on the kitchen table.\n\nMARA\nWho left the lamp on again?\n");
        assertTrue(
                robot.lookup("#create-project").queryButton().isDisabled(), "nothing is generated before the verdict");
        robot.clickOn("#analyze");
        StudioFixture.await(
                "verdict",
                () -> robot.lookup("#verdict").queryAs(Label.class).getText().contains("Content policy: allowed"));
        String verdict = robot.lookup("#verdict").queryAs(Label.class).getText();
        assertTrue(verdict.startsWith("Language: English (en"), verdict);
        assertTrue(verdict.contains("1 scene, 1 character: Mara"), verdict);
        assertEquals(
                before,
                demo.read(s -> s.getMapper(InputRecordMapper.class).listSummaries(demo.studio.localUserId()))
                        .size(),
                "analysing stores nothing");

        robot.clickOn("#create-project");
        StudioFixture.await(
                "created project opened",
                () -> "INT. KITCHEN - DAY"
                        .equals(fx.window.viewModel().model().titleProperty().get()));
        int id = fx.window.viewModel().model().projectId();
        InputRecord stored = demo.read(s -> s.getMapper(InputRecordMapper.class).findById(id));
        assertEquals("en", stored.detectedLanguage());
        assertTrue(stored.rawInput().contains("Who left the lamp on again?"));
        assertEquals(
                1,
                demo.read(s -> s.getMapper(SceneMapper.class).listByInputRecord(id))
                        .size());
        StudioFixture.await(
                "library lists it",
                () -> fx.window.viewModel().library().items().stream().anyMatch(p -> p.id() == id));
        // Its render runs as a background job; when it is done the open project shows the new keyframes.
        JobInfo render = demo.jobs.listJobs().stream()
                .filter(j -> j.projectId() == id)
                .findFirst()
                .orElseThrow();
        assertEquals("Render INT. KITCHEN - DAY", render.title());
        JobInfo ended = demo.awaitJobs().stream()
                .filter(j -> j.jobId().equals(render.jobId()))
                .findFirst()
                .orElseThrow();
        assertEquals(PhaseStatus.COMPLETED, ended.status(), ended.toString());
        List<Keyframe> keyframes =
                demo.read(s -> s.getMapper(KeyframeMapper.class).listByInputRecord(id));
        assertFalse(keyframes.isEmpty());
        StudioFixture.await(
                "keyframes shown",
                () -> fx.window.viewModel().model().scenes().get(0).keyframes().size() == keyframes.size());
        assertEquals(
                RecordStatus.COMPLETED,
                demo.read(s -> s.getMapper(InputRecordMapper.class).findById(id))
                        .status());
    }

    @Test
    void storyboardEditTimingLockUndoRedoAndRegenerateAreSaved(FxRobot robot) {
        openFerry(robot);
        fx.settle();
        robot.clickOn(robot.from(fx.window.storyboard().list())
                .lookup("." + Theme.THUMB)
                .nth(1)
                .queryAs(Region.class));
        StudioFixture.await(
                "clicking a thumbnail selects its keyframe",
                () -> fx.window.viewModel().storyboard().selectedProperty().get() != null);
        KeyframeItem k = fx.window.viewModel().storyboard().selectedProperty().get();
        Keyframe original = keyframe(k.id());
        assertEquals(
                original.keyframeDescription(),
                robot.lookup("#keyframe-description").queryAs(TextArea.class).getText());

        // edit description and timing
        int timing = original.timingSeconds() == 1 ? 2 : 1;
        replaceText(robot, robot.lookup("#keyframe-description").query(), "Tight on the wet rope.");
        Spinner<?> spinner = robot.lookup("#keyframe-timing").queryAs(Spinner.class);
        replaceText(robot, spinner.getEditor(), String.valueOf(timing));
        robot.type(KeyCode.ENTER);
        robot.clickOn("#apply-edit");
        StudioFixture.await(
                "edit saved",
                () -> "Tight on the wet rope.".equals(keyframe(k.id()).keyframeDescription()));
        assertEquals(timing, keyframe(k.id()).timingSeconds());

        // approve (lock): saved, and a locked keyframe is not regenerated
        robot.clickOn("#toggle-lock");
        StudioFixture.await("lock saved", () -> keyframe(k.id()).locked());
        int jobs = demo.jobs.listJobs().size();
        robot.clickOn("#regenerate-keyframe");
        StudioFixture.await("refusal", () -> notification(robot).contains("approved (locked)"));
        assertEquals(jobs, demo.jobs.listJobs().size());

        // undo the lock, undo the edit, redo the edit: each step reaches the database
        shortcut(robot, KeyCode.Z);
        StudioFixture.await("unlock undone", () -> !keyframe(k.id()).locked());
        shortcut(robot, KeyCode.Z);
        StudioFixture.await(
                "edit undone",
                () -> original.keyframeDescription().equals(keyframe(k.id()).keyframeDescription()));
        assertEquals(original.timingSeconds(), keyframe(k.id()).timingSeconds());
        assertEquals(original.keyframeDescription(), k.descriptionProperty().get());
        shortcut(robot, KeyCode.SHIFT, KeyCode.Z);
        StudioFixture.await(
                "edit redone",
                () -> "Tight on the wet rope.".equals(keyframe(k.id()).keyframeDescription()));

        // regenerate: a new image from the edited description, shown when the job is done
        int images = demo.read(s -> s.getMapper(KeyframeImageMapper.class).listByKeyframe(k.id()))
                .size();
        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn("#regenerate-keyframe");
        StudioFixture.await("job started", () -> notification(robot).startsWith("Regenerating keyframe"));
        demo.awaitJobsCompleted(earlier);
        Keyframe regenerated = keyframe(k.id());
        assertNotEquals(original.imageUrl(), regenerated.imageUrl());
        assertEquals(
                images + 1,
                demo.read(s -> s.getMapper(KeyframeImageMapper.class).listByKeyframe(k.id()))
                        .size());
        StudioFixture.await(
                "new image shown",
                () -> regenerated.imageUrl().equals(k.imageUrlProperty().get()));
        assertEquals(
                k, fx.window.viewModel().storyboard().selectedProperty().get(), "the selection survives the refresh");
    }

    /**
     * Thirty-three edits, undos and redos made faster than any save, a scene moved and moved back, then the window
     * closed at once: every write reaches the real database, in the order made (any other order leaves another
     * description stored), and the window waits for them behind its saving dialog before it closes.
     */
    @Test
    void rapidEditsUndosAndRedosThenAnImmediateCloseAreAllStoredInOrder(FxRobot robot) {
        openFerry(robot);
        fx.settle();
        List<Integer> order = sceneOrder();
        var storyboard = fx.window.viewModel().storyboard();
        KeyframeItem first = storyboard.scenes().get(0).keyframes().get(0);
        KeyframeItem second = storyboard.scenes().get(1).keyframes().get(1);
        int[] pendingAtClose = new int[1];
        StudioFixture.fx(() -> {
            var commands = fx.window.viewModel().commands();
            storyboard.selectedProperty().set(first);
            for (int i = 0; i < 20; i++) {
                storyboard.editDescriptionProperty().set("Rapid take " + i + " of the gangway.");
                storyboard.applyEdit();
            }
            storyboard.moveScene(0, 1);
            commands.undo(); // the move
            for (int i = 0; i < 7; i++) commands.undo(); // back to take 12
            for (int i = 0; i < 3; i++) commands.redo(); // forward to take 15
            storyboard.selectedProperty().set(second);
            storyboard.editDescriptionProperty().set("The rope, seen from the quay.");
            storyboard.applyEdit();
            pendingAtClose[0] = fx.window.viewModel().writes().pendingProperty().get();
            fx.window.requestClose(); // as the window's close button: nothing has been written yet
        });
        assertEquals(
                33, pendingAtClose[0], "20 edits, a move and its undo, 7 undos, 3 redos, 1 edit: all still queued");
        assertNotNull(fx.window.savingDialog(), "closing with unsaved edits shows the saving dialog");
        StudioFixture.await("the window closes once every write is stored", () -> !fx.stage.isShowing());
        assertEquals(0, fx.window.viewModel().writes().pendingProperty().get());
        assertEquals("Rapid take 15 of the gangway.", keyframe(first.id()).keyframeDescription());
        assertEquals("The rope, seen from the quay.", keyframe(second.id()).keyframeDescription());
        assertEquals(order, sceneOrder(), "the move and its undo were stored in that order");
    }

    @Test
    void scenesAreReorderedByDragAndDrop(FxRobot robot) {
        openFerry(robot);
        fx.settle();
        List<Integer> before = sceneOrder();
        assertEquals(2, before.size());
        Node first = cell(robot, 0), second = cell(robot, 1);
        StudioFixture.forgetStaleDragView();
        robot.drag(first.lookup("." + Theme.TITLE)).dropTo(second.lookup("." + Theme.TITLE));
        StudioFixture.await("order saved", () -> sceneOrder().equals(List.of(before.get(1), before.get(0))));
        assertEquals(
                before.get(1), fx.window.viewModel().model().scenes().get(0).id());
        shortcut(robot, KeyCode.Z);
        StudioFixture.await("move undone", () -> sceneOrder().equals(before));
        assertEquals(
                before.get(0), fx.window.viewModel().model().scenes().get(0).id());
    }

    private Node cell(FxRobot robot, int index) {
        return robot.from(fx.window.storyboard().list())
                .lookup(".list-cell")
                .match(n -> ((ListCell<?>) n).getIndex() == index && ((ListCell<?>) n).getItem() != null)
                .query();
    }

    @Test
    void characterDescriptionEditRegeneratesReferenceAndKeyframes(FxRobot robot) {
        openFerry(robot);
        shortcut(robot, KeyCode.DIGIT3);
        StudioFixture.await(
                "characters tab", () -> fx.window.tabs().getSelectionModel().getSelectedIndex() == 2);
        CharacterCard elena = fx.window.viewModel().characters().characters().stream()
                .filter(c -> c.name().equalsIgnoreCase("Elena"))
                .findFirst()
                .orElseThrow();
        int references = demo.read(s -> s.getMapper(CharacterImageMapper.class).listByCharacter(elena.id()))
                .size();
        SceneRow cabin = fx.window.viewModel().model().scenes().stream()
                .filter(r -> r.characterNames().stream().anyMatch(n -> n.equalsIgnoreCase("Elena")))
                .findFirst()
                .orElseThrow();
        int keyframeImages = keyframeImages(cabin);

        robot.clickOn("#character-card-" + elena.id());
        StudioFixture.await(
                "Elena selected by the click",
                () -> elena.equals(
                        fx.window.viewModel().characters().selectedProperty().get()));
        replaceText(robot, robot.lookup("#character-description").query(), "ELENA, now in a yellow raincoat.");
        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn("#save-character");
        robot.clickOn("Also regenerate keyframes");
        StudioFixture.await(
                "description saved",
                () -> "ELENA, now in a yellow raincoat."
                        .equals(demo.read(
                                        s -> s.getMapper(CharacterMapper.class).findById(elena.id()))
                                .characterDescription()));
        // The regeneration is queued behind the save (it reads the saved description); its job id arrives after.
        StudioFixture.await("regeneration queued", () -> notification(robot).startsWith("Regenerating"));
        demo.awaitJobsCompleted(earlier);
        // The offline engine draws a character from its consistency key, so the new sheet may equal the old one;
        // the new gallery rows and regenerated keyframes show the job ran.
        Character after = demo.read(s -> s.getMapper(CharacterMapper.class).findById(elena.id()));
        assertNotNull(after.imageUrl());
        int galleryNow = demo.read(s -> s.getMapper(CharacterImageMapper.class).listByCharacter(elena.id()))
                .size();
        assertTrue(galleryNow > references, "a new reference sheet: " + references + " -> " + galleryNow);
        assertTrue(keyframeImages(cabin) > keyframeImages, "the keyframes Elena appears in were regenerated");
        StudioFixture.await("gallery refreshed", () -> elena.galleryUrls().size() == galleryNow);
        StudioFixture.await(
                "card text",
                () -> robot.lookup("#character-card-" + elena.id())
                        .lookup("In 1 scene")
                        .tryQuery()
                        .isPresent());

        fx.window.characters().setAsker(c -> java.util.Optional.empty()); // cancel: nothing is saved
        robot.clickOn("#character-description").write(" Tall.");
        robot.clickOn("#save-character");
        assertEquals(
                "ELENA, now in a yellow raincoat.", elena.descriptionProperty().get());
    }

    private static int keyframeImages(SceneRow scene) {
        return scene.keyframes().stream()
                .mapToInt(k -> demo.read(
                                s -> s.getMapper(KeyframeImageMapper.class).listByKeyframe(k.id()))
                        .size())
                .sum();
    }

    @Test
    void timelineScrubZoomPlayAndTrimByDraggingAHandle(FxRobot robot) {
        openFerry(robot);
        shortcut(robot, KeyCode.DIGIT4);
        var tl = fx.window.viewModel().timeline();
        Region tracks = robot.lookup("#timeline-tracks").queryAs(Region.class);
        robot.moveTo(tracks).moveBy(-tracks.getWidth() / 2 + 200, 0).clickOn();
        StudioFixture.await(
                "scrub",
                () -> Math.abs(tl.playheadProperty().get()
                                - 200 / tl.zoomProperty().get())
                        < 0.2);
        StudioFixture.await("frame from the clip", () -> tl.frameProperty().get() != null);
        double zoom = tl.zoomProperty().get();
        robot.clickOn("#zoom-in");
        assertTrue(tl.zoomProperty().get() > zoom);
        robot.clickOn("#zoom-out");
        assertEquals(zoom, tl.zoomProperty().get(), 1e-9);

        SceneRow first = fx.window.viewModel().model().scenes().get(0);
        BigDecimal stored = duration(first.id());
        robot.drag("#trim-handle-0").dropBy(40, 0); // 40 px at 40 px/s: one second longer
        StudioFixture.await("trim saved", () -> duration(first.id()).compareTo(stored) > 0);
        assertEquals(
                stored.add(BigDecimal.ONE).doubleValue(), duration(first.id()).doubleValue(), 0.15);
        shortcut(robot, KeyCode.Z);
        StudioFixture.await("trim undone", () -> duration(first.id()).compareTo(stored) == 0);

        double at = tl.playheadProperty().get();
        robot.clickOn("#play-pause");
        StudioFixture.await("playing", () -> tl.playheadProperty().get() > at + 0.1);
        robot.clickOn("#play-pause");
        assertFalse(tl.playingProperty().get());
    }

    private static BigDecimal duration(int sceneId) {
        return demo.read(s -> s.getMapper(SceneMapper.class).findById(sceneId)).durationSeconds();
    }

    @Test
    void settingsTestConnectionsRunOffTheFxThread(FxRobot robot) throws Exception {
        shortcut(robot, KeyCode.DIGIT6);
        StudioFixture.await(
                "settings loaded",
                () -> !fx.window.viewModel().settings().mediaPath.get().isEmpty());
        for (String part : List.of("database", "cache", "media", "image-engine")) {
            reveal(robot, "#test-" + part);
            robot.clickOn("#test-" + part);
            StudioFixture.await(part + " result", () -> result(robot, part).startsWith("✔"));
        }
        reveal(robot, "#test-text-engine");
        robot.clickOn("#test-text-engine");
        StudioFixture.await(
                "text engine result",
                () -> result(robot, "text-engine").startsWith("✖ There is no local language model"));

        // An OpenAI-compatible server that answers only when released: the window stays responsive meanwhile.
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body =
                    "{\"object\":\"list\",\"data\":[{\"id\":\"story-model\",\"object\":\"model\",\"owned_by\":\"test\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            StudioFixture.fx(() -> {
                var form = fx.window.viewModel().settings().engine(ai.cinboard.service.ConnectionPart.TEXT_ENGINE);
                form.kind.set(ai.cinboard.service.EngineKind.OPENAI_COMPATIBLE);
                form.endpoint.set("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
            });
            robot.clickOn("#test-text-engine");
            StudioFixture.await("testing", () -> result(robot, "text-engine").equals("Testing…"));
            assertTrue(robot.lookup("#test-text-engine").queryAs(Button.class).isDisabled());
            shortcut(robot, KeyCode.DIGIT1); // the FX thread is free: the window still reacts
            StudioFixture.await(
                    "tab switched", () -> fx.window.tabs().getSelectionModel().getSelectedIndex() == 0);
            assertEquals("Testing…", result(robot, "text-engine"));
            release.countDown();
            StudioFixture.await(
                    "server answered", () -> result(robot, "text-engine").equals("✔ 1 model: story-model"));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    /** Scrolls the settings so that {@code query} is in view (TestFX clicks only visible nodes). */
    private static void reveal(FxRobot robot, String query) {
        ScrollPane pane = robot.lookup("#settings").queryAs(ScrollPane.class);
        Node node = robot.lookup(query).query();
        StudioFixture.fx(() -> {
            double y = pane.getContent()
                    .sceneToLocal(node.localToScene(node.getBoundsInLocal()))
                    .getMinY();
            double range = pane.getContent().getBoundsInLocal().getHeight()
                    - pane.getViewportBounds().getHeight();
            pane.setVvalue(range <= 0 ? 0 : Math.max(0, Math.min(1, (y - 40) / range)));
        });
    }

    private static String result(FxRobot robot, String part) {
        return robot.lookup("#result-" + part).queryAs(Label.class).getText();
    }

    @Test
    void exportWritesTheMp4AndRecordsDelivery(FxRobot robot) throws Exception {
        shortcut(robot, KeyCode.E);
        StudioFixture.await("nothing open", () -> notification(robot).startsWith("Open a project"));
        openFerry(robot);
        Path target = demo.home.resolve("exported/The Last Ferry.mp4");
        Files.createDirectories(target.getParent());
        String[] suggested = new String[1];
        fx.window.setExportTarget(name -> {
            suggested[0] = name;
            return target;
        });
        shortcut(robot, KeyCode.E);
        StudioFixture.await("exported", () -> notification(robot).startsWith("Exported The Last Ferry.mp4"));
        assertEquals("The Last Ferry.mp4", suggested[0]);
        assertTrue(Files.size(target) > 10_000);
        FinalVideo latest = demo.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(ferry)).stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow();
        assertNotNull(latest.deliveredAt(), "final_videos.delivered_at is set");
        assertFalse(fx.window.viewModel().exportingProperty().get());
    }

    @Test
    void exportDialogWritesAStoryboardPdfWithProgress(FxRobot robot) throws Exception {
        openFerry(robot);
        Path target = demo.home.resolve("exported/board.pdf");
        Files.createDirectories(target.getParent()); // an export into a missing folder is refused
        String[] suggested = new String[1];
        fx.window.setExportTarget(name -> {
            suggested[0] = name;
            return target;
        });
        shortcut(robot, KeyCode.SHIFT, KeyCode.E);
        StudioFixture.await(
                "export dialog", () -> robot.lookup("#export-format").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ChoiceBox<ExportService.Format> format = robot.lookup("#export-format").queryAs(ChoiceBox.class);
        assertEquals("mp4", format.getValue().id(), "MP4 first");
        assertTrue(robot.lookup("#export-preset").query().getParent().isVisible(), "MP4 size shown for MP4");
        StudioFixture.fx(() -> format.getSelectionModel()
                .select(format.getItems().stream()
                        .filter(f -> f.id().equals("pdf"))
                        .findFirst()
                        .orElseThrow()));
        assertFalse(robot.lookup("#export-preset").query().getParent().isVisible(), "MP4 size hidden for the PDF");
        assertTrue(robot.lookup("#export-layout").query().getParent().isVisible(), "panel layout shown for the PDF");
        fx.settle();
        Path shots = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        javafx.scene.Scene dialog = format.getScene();
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> img =
                new java.util.concurrent.atomic.AtomicReference<>();
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(
                StudioFixture.EVENT_BOUND_MS, () -> img.set(dialog.snapshot(null)));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(img.get(), null),
                "png",
                shots.resolve("export-dialog.png").toFile());

        robot.clickOn("#export-start");
        StudioFixture.await("exported", () -> notification(robot).startsWith("Exported Storyboard PDF"));
        assertEquals("The Last Ferry.pdf", suggested[0]);
        assertFalse(dialog.getWindow().isShowing(), "the dialog closes when the export is done");
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(target.toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2, "a title page and panels");
        }
        AuditEntry audited = demo.read(s -> s.getMapper(AuditLogMapper.class).listRecent(10)).stream()
                .filter(e -> e.action().equals(AuditLog.EXPORT))
                .findFirst()
                .orElseThrow();
        assertEquals("pdf", audited.detail().get("format"));
    }

    @Test
    void themeSwitchAndLayoutAreRemembered(FxRobot robot) {
        shortcut(robot, KeyCode.T);
        assertTrue(fx.window.root().getStyleClass().contains(Theme.DARK));
        shortcut(robot, KeyCode.DIGIT5);
        StudioFixture.fx(() -> fx.window.saveLayout());
        assertTrue(fx.prefs.getBoolean("dark", false));
        assertEquals(4, fx.prefs.getInt("tab", -1));
        assertNotEquals(0, fx.prefs.getDouble("width", 0));
        assertNull(fx.window.viewModel().model().projectId());
    }
}
