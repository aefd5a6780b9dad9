package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.Transition;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scene transitions on the real stack (embedded PostgreSQL, the offline engines, espeak-ng, the bundled FFmpeg):
 * a dip to black darkens the picture at the cut into the scene, a cut does not, and changing a transition makes only
 * the final video stale.
 */
class SceneTransitionsRenderTest {
    private static Path home;
    private static Studio studio;

    @BeforeAll
    static void open() {
        home = TestStudios.tempHome();
        studio = TestStudios.open(home);
    }

    @AfterAll
    static void close() {
        studio.close();
    }

    private static RenderPipeline pipeline() {
        return studio.render(TestStudios.smallRender(home));
    }

    private static Project project(int id) {
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    private static FinalVideo latestFinal(int id) {
        return project(id).finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow();
    }

    /** Where the second scene starts in the final video, from its edit list. */
    @SuppressWarnings("unchecked")
    private static double secondSceneStart(FinalVideo v) {
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) v.compositionData().get("edit_list");
        return ((Number) rows.get(1).get("timeline_start")).doubleValue();
    }

    private static Path download(String url) throws Exception {
        Path local = Files.createTempFile("transition", ".mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    private static double meanLuma(BufferedImage img) {
        double s = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                s += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
            }
        }
        return s / (img.getWidth() * img.getHeight());
    }

    /** The darkest frame's mean luma (0-255) from the cut to {@code seconds} after it. */
    private static double darkestAfterCut(FinalVideo v, double seconds) throws Exception {
        double cut = secondSceneStart(v);
        Path video = download(v.videoUrl());
        MediaInfo info = MediaProbe.probeAndDecode(video);
        assertTrue(info.decodesCleanly(), info.toString());
        double darkest = 255;
        try (FrameExtractor frames = new FrameExtractor(video)) {
            for (double t = cut - 0.2; t < cut + seconds; t += 0.04) {
                darkest = Math.min(darkest, meanLuma(frames.frameAt(t)));
            }
        }
        return darkest;
    }

    private static void setSecondScene(int id, Transition t) {
        Scene second = project(id).scenes().get(1);
        studio.projectEdits(studio.localUserId()).setSceneTransition(second.id(), t);
    }

    @Test
    void aDipToBlackDarkensTheCutACutDoesNotAndOnlyTheFinalVideoIsRemade() throws Exception {
        int id = TestStudios.intake(studio, "harbour4.fountain");
        assertEquals(Transition.DEFAULT, project(id).scenes().get(1).transition(), "scenes open with a crossfade");
        pipeline().run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        assertEquals(0, pipeline().staleness(id).count());

        setSecondScene(id, new Transition(Transition.Kind.DIP, new BigDecimal("1.0")));
        assertEquals(
                new Transition(Transition.Kind.DIP, new BigDecimal("1.0")),
                project(id).scenes().get(1).transition(),
                "stored with the project");
        Staleness stale = pipeline().staleness(id);
        assertEquals(0, stale.staleKeyframes(), "keyframes do not depend on transitions");
        assertEquals(0, stale.staleClips(), "clips do not depend on transitions");
        assertFalse(stale.voiceover().stale());
        assertTrue(stale.finalVideoStale(), "the final video does");

        RenderPipeline.Result dipped = pipeline().run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        assertEquals(
                Map.of("characters", 0, "keyframes", 0, "voiceover", 0, "clips", 0, "composition", 1),
                dipped.rerendered().asMap());
        double dip = darkestAfterCut(latestFinal(id), 1.0);
        // black is luma 16 in the video's limited range; the offline engine's pictures are far brighter
        assertTrue(dip < 25, "darkest frame in the dip: " + dip);

        setSecondScene(id, Transition.CUT);
        pipeline().run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        FinalVideo cut = latestFinal(id);
        double noDip = darkestAfterCut(cut, 1.0);
        assertTrue(noDip > 40, "darkest frame around a cut: " + noDip);
        assertEquals(
                4,
                ((Number) cut.compositionData().get("copied_scenes")).intValue(),
                "a cut needs no encoding: every clip is copied");
        System.out.printf("transition figures: dip darkest %.1f, cut darkest %.1f%n", dip, noDip);

        // a re-render keeps what is stored: nothing is stale, nothing is made again
        assertEquals(0, pipeline().staleness(id).count());
        assertEquals(Transition.CUT, project(id).scenes().get(1).transition());
    }
}
