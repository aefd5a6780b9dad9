package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Project;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without a speech engine the words must still reach the viewer: the final video carries the subtitles burned
 * into the picture. Measured by comparing a frame of the final video, at a subtitle's time, with the same frame of
 * the scene's own clip: burned text changes the subtitle band, and nothing else does.
 */
class BurnedSubtitlesRenderTest {

    /** Pixels in the subtitle band (upper part of the frame) that differ clearly between the two pictures. */
    private static int changedBandPixels(BufferedImage a, BufferedImage b) {
        int changed = 0;
        for (int y = 0; y < a.getHeight() * 2 / 5; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff))
                        + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
                if (d > 90) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private record Rendered(
            RenderPipeline.Result result, Project project, Path finalVideo, Path firstClip, double subtitleTime) {}

    private static Rendered render(Map<String, String> extraEnv) throws Exception {
        Path home = TestStudios.tempHome();
        Map<String, String> env = TestStudios.environment(home);
        env.putAll(extraEnv);
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int id = studio.intake()
                    .run(
                            new StoryInput(
                                    TestStudios.story("ferry.fountain"),
                                    "ferry.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "test"),
                            PhaseListener.NONE)
                    .projectId();
            RenderPipeline.Result result =
                    studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
            Path video = download(studio, p.finalVideos().get(0).videoUrl());
            int firstSceneId = p.scenes().get(0).id();
            Path clip = download(
                    studio,
                    p.clips().stream()
                            .filter(c -> c.sceneId().equals(firstSceneId))
                            .findFirst()
                            .orElseThrow()
                            .videoUrl());
            // the middle of the first subtitle, which lies in the first scene (its clip starts at 0 on the timeline)
            Matcher m = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})")
                    .matcher(Files.readString(result.srtFile()));
            assertTrue(m.find(), "the SRT has a cue");
            double t = (seconds(m, 1) + seconds(m, 5)) / 2;
            return new Rendered(result, p, video, clip, t);
        }
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600
                + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2))
                + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    private static Path download(Studio studio, String url) throws Exception {
        Path local = Files.createTempFile("burn", ".mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    private static int burnedPixels(Rendered r) {
        try (FrameExtractor fin = new FrameExtractor(r.finalVideo());
                FrameExtractor clip = new FrameExtractor(r.firstClip())) {
            return changedBandPixels(fin.frameAt(r.subtitleTime()), clip.frameAt(r.subtitleTime()));
        }
    }

    @Test
    void withoutSpeechTheFinalVideoCarriesBurnedInSubtitles() throws Exception {
        Rendered r = render(Map.of("CINBOARD_SPEECH_ENGINE", "none"));

        assertTrue(
                r.result().warnings().stream().anyMatch(w -> w.startsWith("No voiceover: Speech is switched off")),
                r.result().warnings().toString());
        assertEquals(0, r.project().voiceovers().size());
        assertEquals(
                Boolean.TRUE, r.project().finalVideos().get(0).compositionData().get("burned_subtitles"));
        MediaInfo info = MediaProbe.probeAndDecode(r.finalVideo());
        assertTrue(info.decodesCleanly(), info.toString());
        assertEquals("h264", info.videoCodec());
        int burned = burnedPixels(r);
        // 320x180 with a 12 px font: a line of text and its box change well over a thousand pixels
        assertTrue(burned > 500, "subtitle pixels in the band at " + r.subtitleTime() + " s: " + burned);
        // the subtitles are the picture's only text: the panels carry no caption to disagree with them
        for (var k : r.project().keyframeImages()) {
            assertEquals(
                    java.util.List.of(),
                    k.generationParams().get("caption_region"),
                    "keyframe image " + k.id() + " has no caption");
        }
    }

    @Test
    void withSpeechNothingIsBurnedIn() throws Exception {
        Rendered r = render(Map.of());

        assertEquals(1, r.project().voiceovers().size(), "espeak-ng spoke the voiceover");
        assertEquals(
                Boolean.FALSE,
                r.project().finalVideos().get(0).compositionData().get("burned_subtitles"));
        int burned = burnedPixels(r);
        assertTrue(burned < 20, "picture unchanged from the clip at " + r.subtitleTime() + " s: " + burned);
        // nothing is burned in, so each panel shows its caption
        for (var k : r.project().keyframeImages()) {
            assertFalse(
                    ((java.util.List<?>) k.generationParams().get("caption_region")).isEmpty(),
                    "keyframe image " + k.id() + " has its caption");
        }
    }
}
