package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.ui.demo.InMemoryStudio;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TimelineViewModelTest {
    private final ViewModelFixture f = new ViewModelFixture().open();
    private final TimelineViewModel tl = f.vm.timeline();

    @Test
    void layoutFollowsDurations() {
        double total =
                f.vm.model().scenes().stream().mapToDouble(SceneRow::seconds).sum();
        assertEquals(total, tl.totalSeconds(), 1e-9);
        assertEquals(4.0, tl.startOf(1), 1e-9);
        assertEquals(0, tl.clipAt(3.9));
        assertEquals(1, tl.clipAt(4.0));
        assertEquals(7, tl.clipAt(total + 5));
        assertEquals(tl.zoomProperty().get() * 4.0, tl.xOf(4.0), 1e-9);
        assertTrue(tl.waveformProperty().get().length > 0);
    }

    @Test
    void zoomIsBounded() {
        for (int i = 0; i < 30; i++) tl.zoomIn();
        assertEquals(TimelineViewModel.MAX_ZOOM, tl.zoomProperty().get());
        for (int i = 0; i < 30; i++) tl.zoomOut();
        assertEquals(TimelineViewModel.MIN_ZOOM, tl.zoomProperty().get());
    }

    @Test
    void playAdvancesAndStopsAtTheEnd() {
        tl.togglePlay();
        assertTrue(tl.playingProperty().get());
        tl.advance(2.5);
        assertEquals(2.5, tl.playheadProperty().get(), 1e-9);
        tl.advance(1000);
        assertEquals(tl.totalSeconds(), tl.playheadProperty().get(), 1e-9);
        assertFalse(tl.playingProperty().get());
        tl.togglePlay(); // from the end: starts over
        assertEquals(0, tl.playheadProperty().get(), 1e-9);
    }

    @Test
    void closingTheWindowStopsTheTimeline() throws Exception {
        tl.togglePlay();
        assertTrue(tl.playingProperty().get());
        f.vm.close();
        assertFalse(tl.playingProperty().get());
    }

    @Test
    void closingTheWindowStopsAStoryboardClip() throws Exception {
        f.vm.storyboard().player().playScene(f.vm.model().scenes().get(0));
        assertNotNull(f.vm.storyboard().player().playingProperty().get());
        f.vm.close();
        assertNull(f.vm.storyboard().player().playingProperty().get());
    }

    @Test
    void seekLoadsTheFrameUnderThePlayhead() {
        tl.seek(5.0);
        assertNotNull(tl.frameProperty().get());
        tl.seek(-3);
        assertEquals(0, tl.playheadProperty().get());
    }

    @Test
    void latestFrameRequestWins() {
        InMemoryStudio studio = new InMemoryStudio();
        ManualTaskExecutor manual = new ManualTaskExecutor();
        StudioViewModel vm = new StudioViewModel(studio, studio, studio, studio, studio, manual);
        vm.openProject(1);
        manual.runAll();
        TimelineViewModel t = vm.timeline();
        t.seek(1.0);
        t.seek(20.0);
        assertEquals(2, manual.pending.size());
        manual.pending.remove(1).run(); // newest finishes first
        var newest = t.frameProperty().get();
        assertNotNull(newest);
        manual.pending.remove(0).run(); // the older one arrives late: ignored
        assertSame(newest, t.frameProperty().get());
    }

    @Test
    void anUpToDateFinalVideoIsWhatPlaysAndAnEditFallsBackToTheClips() {
        String finalVideo = "mem://final/1";
        assertEquals(TimelineViewModel.Source.FINAL_VIDEO, tl.sourceProperty().get());
        assertEquals(
                "Final video up to date: Play shows it",
                tl.finalVideoNoticeProperty().get());
        assertTrue(tl.soundReadyProperty().get(), "the final video's sound is decoded");
        tl.seek(5.0);
        assertTrue(
                samePixels(
                        f.studio.videoFrame(finalVideo, 5.0, 640, 360),
                        tl.frameProperty().get()),
                "the frame shown is the final video's");
        SceneRow second = f.vm.model().scenes().get(1);
        var clipFrame = f.studio.videoFrame(second.clipUrl(), 1.0, 640, 360);
        assertFalse(samePixels(clipFrame, tl.frameProperty().get()), "with its burned-in caption, not the clip's");

        f.vm.storyboard().setTransition(second, ai.cinboard.domain.Transition.Kind.CUT, 0);
        assertEquals(TimelineViewModel.Source.CLIPS, tl.sourceProperty().get());
        assertEquals(
                "Final video stale: Play shows the clips; render changes to update it",
                tl.finalVideoNoticeProperty().get());
        assertTrue(samePixels(clipFrame, tl.frameProperty().get()), "the clip's frame at the same time");
    }

    @Test
    void untilTheServiceHasSaidWhatIsStaleTheClipsPlay() {
        InMemoryStudio studio = new InMemoryStudio();
        ManualTaskExecutor manual = new ManualTaskExecutor();
        StudioViewModel vm = new StudioViewModel(studio, studio, studio, studio, studio, manual);
        vm.openProject(1);
        manual.pending.remove(0).run(); // the project, but not yet the staleness check
        TimelineViewModel t = vm.timeline();
        assertEquals(TimelineViewModel.Source.CLIPS, t.sourceProperty().get());
        assertEquals(
                "Checking the final video: Play shows the clips",
                t.finalVideoNoticeProperty().get());
        manual.runAll();
        assertEquals(TimelineViewModel.Source.FINAL_VIDEO, t.sourceProperty().get());
    }

    @Test
    void withoutAFinalVideoTheClipsPlay() {
        ViewModelFixture g = new ViewModelFixture();
        g.vm.start();
        int draft = g.studio.listProjects().stream()
                .filter(p -> g.studio.loadProject(p.id()).finalVideos().isEmpty())
                .findFirst()
                .orElseThrow()
                .id();
        g.vm.openProject(draft);
        TimelineViewModel t = g.vm.timeline();
        assertEquals(TimelineViewModel.Source.CLIPS, t.sourceProperty().get());
        assertEquals(
                "No final video yet: Play shows the clips; render to make it",
                t.finalVideoNoticeProperty().get());
    }

    private static boolean samePixels(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        if (a == null || b == null || a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
        return true;
    }

    @Test
    void trimIsSavedRoundedBoundedAndUndoable() {
        SceneRow first = f.vm.model().scenes().get(0);
        int before = tl.layoutRevisionProperty().get();
        tl.trim(0, 6.04);
        assertEquals(new BigDecimal("6.0"), first.durationProperty().get());
        assertTrue(tl.layoutRevisionProperty().get() > before);
        assertTrue(f.studio.calls.contains("setSceneDuration " + first.id() + " 6.0"));
        assertEquals(6.0, tl.startOf(1), 1e-9);
        tl.trim(0, 0.01);
        assertEquals(TimelineViewModel.MIN_DURATION, first.durationProperty().get());
        f.vm.commands().undo();
        f.vm.commands().undo();
        assertEquals(0, new BigDecimal("4").compareTo(first.durationProperty().get()));
    }

    @Test
    void emptyProjectHasNoFrame() {
        StudioViewModel vm =
                new StudioViewModel(f.studio, f.studio, f.studio, f.studio, f.studio, new CurrentThreadTaskExecutor());
        vm.timeline().requestFrame();
        assertNull(vm.timeline().frameProperty().get());
        assertEquals(0, vm.timeline().totalSeconds());
    }

    @Test
    void withoutAnAudioDevicePlaybackGoesOnSilentlyAndSaysSoOnce() throws Exception {
        java.util.Set<Thread> earlier = Thread.getAllStackTraces().keySet();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore tried = new java.util.concurrent.Semaphore(0);
        long[] now = {0};
        ai.cinboard.service.playback.AudioOutput none = (rate, channels) -> {
            attempts.incrementAndGet();
            try {
                throw new ai.cinboard.service.playback.AudioOutput.AudioUnavailableException(
                        "No audio device (no mixer)", null);
            } finally {
                tried.release();
            }
        };
        InMemoryStudio studio = new InMemoryStudio();
        java.util.List<Notifier.Message> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        StudioViewModel vm = new StudioViewModel(
                studio,
                studio,
                studio,
                studio,
                studio,
                new CurrentThreadTaskExecutor(),
                new ai.cinboard.service.playback.PlaybackDevices(none, () -> now[0]));
        vm.notifier().latestProperty().addListener((o, a, m) -> {
            if (m != null) said.add(m);
        });
        vm.openProject(1);
        TimelineViewModel t = vm.timeline();
        assertTrue(t.soundReadyProperty().get(), "the demo's voiceover was decoded");
        for (int i = 0; i < 3; i++) {
            t.togglePlay();
            assertTrue(tried.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS), "playback asked for a device");
            now[0] += 500_000_000L;
            t.tick();
            t.togglePlay();
        }
        assertEquals(3, attempts.get());
        assertEquals(1.5, t.playheadProperty().get(), 1e-9, "the picture played on without sound");
        // The notice is posted by the sound thread once the device refused: wait for this test's ones to end.
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().equals("playback-sound") && !earlier.contains(th)) th.join(30_000);
        }
        long notices = said.stream()
                .filter(m -> m.text().equals("No audio device (no mixer): playing without sound."))
                .count();
        assertEquals(1, notices, "said once: " + said);
    }
}
