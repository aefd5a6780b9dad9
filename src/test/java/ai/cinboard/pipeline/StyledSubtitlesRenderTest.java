package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.testing.TestStudios;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project with a voiceover, re-rendered in one subtitle style after another: the first takes the captions out of
 * the offline engine's panels, then each time only the final video is made again, and its frame at a subtitle's time differs from the scene's clip where the style puts the text (bottom
 * or top), with a box darkening a wide area or only an outline around the letters, and the karaoke word in yellow.
 */
class StyledSubtitlesRenderTest {

    /** Changes between the final video's frame and the clip's in the top or bottom third of the frame. */
    private record Changes(int changed, int darkened, int yellow) {}

    private static Changes changes(BufferedImage fin, BufferedImage clip, boolean top) {
        int from = top ? 0 : fin.getHeight() * 2 / 3;
        int to = top ? fin.getHeight() / 3 : fin.getHeight();
        int changed = 0, darkened = 0, yellow = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < fin.getWidth(); x++) {
                int p = fin.getRGB(x, y), q = clip.getRGB(x, y);
                int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                int lumaDrop = (((q >> 16) & 0xff) + ((q >> 8) & 0xff) + (q & 0xff)) - (r + g + b);
                int d = Math.abs(r - ((q >> 16) & 0xff)) + Math.abs(g - ((q >> 8) & 0xff)) + Math.abs(b - (q & 0xff));
                if (d > 90) {
                    changed++;
                }
                if (lumaDrop > 60) {
                    darkened++;
                }
                if (d > 90 && r > 190 && g > 150 && b < 110) {
                    yellow++;
                }
            }
        }
        return new Changes(changed, darkened, yellow);
    }

    private record Frames(BufferedImage fin, BufferedImage clip) {}

    private static Frames restyle(Studio studio, int id, Path home, SubtitleStyle style, double cueShare, boolean first)
            throws Exception {
        new RenderRepository(studio.database()).saveSubtitleStyle(id, style);
        RenderPipeline.Result r =
                studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
        if (first) {
            // the first style takes the captions out of the panels (the subtitles say the words now), so the
            // keyframes and clips are made again, without their caption band
            assertEquals(p.keyframes().size(), r.rerendered().keyframes(), style.preset());
            assertEquals(p.scenes().size(), r.rerendered().clips(), style.preset());
            assertEquals(0, r.rerendered().characters() + r.rerendered().voiceover(), style.preset());
            assertTrue(p.keyframeImages().stream()
                    .filter(k ->
                            p.keyframes().stream().anyMatch(kf -> kf.imageUrl().equals(k.imageUrl())))
                    .allMatch(k -> ((java.util.List<?>) k.generationParams().get("caption_region")).isEmpty()));
        } else {
            // from one style to another: only the final video is stale
            assertEquals(new RenderPipeline.Rerendered(0, 0, 0, 0, 1), r.rerendered(), style.preset());
        }
        assertEquals(
                Boolean.TRUE,
                p.finalVideos().stream()
                        .max(Comparator.comparing(ai.cinboard.domain.FinalVideo::id))
                        .orElseThrow()
                        .compositionData()
                        .get("burned_subtitles"));
        int firstSceneId = p.scenes().get(0).id();
        Path clip = download(
                studio,
                p.clips().stream()
                        .filter(c -> c.sceneId().equals(firstSceneId))
                        .findFirst()
                        .orElseThrow()
                        .videoUrl());
        Path video = download(studio, r.videoUrl());
        Matcher m = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})")
                .matcher(Files.readString(r.srtFile()));
        assertTrue(m.find(), "the SRT has a cue");
        double t = seconds(m, 1) + cueShare * (seconds(m, 5) - seconds(m, 1));
        try (FrameExtractor f = new FrameExtractor(video);
                FrameExtractor c = new FrameExtractor(clip)) {
            return new Frames(f.frameAt(t), c.frameAt(t));
        }
    }

    @Test
    void eachStyleChangesOnlyTheFinalVideoAndShowsWhereAndHowItSays(@TempDir Path home) throws Exception {
        try (Studio studio = Studio.open(StudioConfig.load(TestStudios.environment(home)))) {
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
            RenderPipeline.Result first =
                    studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            assertEquals(1, first.rerendered().voiceover(), "espeak-ng spoke: nothing is burned in by default");

            Frames boxed = restyle(studio, id, home, SubtitleStyle.preset("boxed"), 0.5, true);
            Changes boxedBottom = changes(boxed.fin(), boxed.clip(), false);
            Changes boxedTop = changes(boxed.fin(), boxed.clip(), true);
            assertTrue(boxedBottom.changed() > 300, "boxed: text at the bottom " + boxedBottom);
            assertTrue(boxedTop.changed() < 20, "boxed: nothing at the top " + boxedTop);

            Frames outlined = restyle(studio, id, home, SubtitleStyle.preset("bold-outline"), 0.5, false);
            Changes outlineBottom = changes(outlined.fin(), outlined.clip(), false);
            assertTrue(outlineBottom.changed() > 300, "bold-outline: text at the bottom " + outlineBottom);
            assertTrue(
                    boxedBottom.darkened() > 2 * outlineBottom.darkened(),
                    "the box darkens a wide area, the outline only the letters' edges: " + boxedBottom + " vs "
                            + outlineBottom);

            Frames top = restyle(
                    studio,
                    id,
                    home,
                    SubtitleStyle.preset("boxed").withPosition(SubtitleStyle.Position.TOP),
                    0.5,
                    false);
            Changes topTop = changes(top.fin(), top.clip(), true);
            Changes topBottom = changes(top.fin(), top.clip(), false);
            assertTrue(topTop.changed() > 300, "position top: text at the top " + topTop);
            assertTrue(topBottom.changed() < 20, "position top: nothing at the bottom " + topBottom);

            // karaoke: early in the cue its first words are yellow; boxed (white) text has no yellow
            Frames karaoke = restyle(studio, id, home, SubtitleStyle.preset("karaoke"), 0.1, false);
            Changes karaokeBottom = changes(karaoke.fin(), karaoke.clip(), false);
            assertTrue(karaokeBottom.yellow() > 15, "the word being said is yellow: " + karaokeBottom);
            assertTrue(boxedBottom.yellow() < 5, "no highlight without word timings: " + boxedBottom);

            // without a style the panels get their captions back
            new RenderRepository(studio.database()).saveSubtitleStyle(id, null);
            RenderPipeline.Result plain =
                    studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            assertEquals(1, plain.rerendered().composition());
            Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
            // (the captioned panels come back from the render cache, where the first render left them)
            assertTrue(captionRegions(p).noneMatch(java.util.List::isEmpty), "captions are back");
        }
    }

    /** The caption region of each keyframe's current image. */
    private static java.util.stream.Stream<java.util.List<?>> captionRegions(Project p) {
        return p.keyframes().stream().map(kf -> (java.util.List<?>) p.keyframeImages().stream()
                .filter(k -> k.keyframeId().equals(kf.id()) && k.imageUrl().equals(kf.imageUrl()))
                .findFirst()
                .orElseThrow()
                .generationParams()
                .get("caption_region"));
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600
                + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2))
                + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    private static Path download(Studio studio, String url) throws Exception {
        Path local = Files.createTempFile("styled", ".mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }
}
