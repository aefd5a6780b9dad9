package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Transition;
import ai.cinboard.domain.VideoClip;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Parses each editor timeline back the way an importer would and checks what an editor would see: the
 * clip count, every time on a frame boundary, and clip durations adding up exactly to the sequence's.
 */
class TimelineExportersTest {
    @TempDir
    Path tmp;

    SampleProject sample;

    @BeforeEach
    void setUp() throws Exception {
        sample = new SampleProject(tmp.resolve("media"));
    }

    private ExportJob job(FrameRate rate) {
        return ExportJob.of(
                sample.project, sample.media, ExportOptions.defaults().withFrameRate(rate));
    }

    @Test
    void editFollowsScenePositionAndTilesScenesExactly() {
        EditDecisionList edl = job(FrameRate.FPS_24).edit();
        assertEquals(
                List.of(10, 11, 12),
                edl.scenes().stream().map(c -> c.scene().id()).toList());
        // 4.5 s (clip of 5 s, cut to the scene) + 4.2 s + 3.5 s at 24 fps = 108 + 101 + 84 frames
        assertEquals(293, edl.totalFrames());
        assertEquals(6, edl.events().size());
        assertEquals(TimelineEvent.Kind.CLIP, edl.events().get(0).kind());
        assertEquals(
                List.of(24L, 48L, 29L),
                edl.scenes().get(1).shots().stream().map(Shot::length).toList());
        assertEquals(264, edl.voiceover().orElseThrow().length());
        assertEquals(List.of("Анна", "Keeper"), edl.scenes().get(2).characterNames());
    }

    /**
     * A scene between two frames lasts as long as its clip runs: the clip's exact length from its render, not the
     * whole seconds its row keeps (15.032 s is 361 frames at 24 fps, as the MP4 cuts it; 15 s would be 360).
     */
    @Test
    void aSceneBetweenFramesLastsAsLongAsItsClipRuns() throws Exception {
        var p = sample.project;
        List<ai.cinboard.domain.Scene> scenes = p.scenes().stream()
                .map(sc -> sc.id() == 10
                        ? new ai.cinboard.domain.Scene(
                                sc.id(),
                                sc.inputRecordId(),
                                sc.sceneNumber(),
                                sc.position(),
                                sc.heading(),
                                sc.location(),
                                sc.timeOfDay(),
                                sc.text(),
                                new BigDecimal("15.032"),
                                sc.createdAt(),
                                sc.updatedAt(),
                                sc.lines(),
                                sc.transition())
                        : sc)
                .toList();
        VideoClip c = p.clips().get(0);
        List<VideoClip> clips = List.of(new VideoClip(
                c.id(),
                c.inputRecordId(),
                c.sceneId(),
                c.clipId(),
                c.videoUrl(),
                15,
                c.fileSizeBytes(),
                c.qualityScore(),
                Map.of(ai.cinboard.domain.ExactLength.KEY, new BigDecimal("15.032"), "width", 1280, "height", 720),
                c.keyframeIds(),
                c.characterIds(),
                null));
        var project = sampleWith(scenes, clips);
        ExportJob job =
                ExportJob.of(project, sample.media, ExportOptions.defaults().withFrameRate(FrameRate.FPS_24));
        assertEquals(361, job.edit().scenes().get(0).length());

        // the clip is described at its own size (720p) on the 1080p sequence, for the editor to scale
        Path xmeml = tmp.resolve("sizes.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        Element file = (Element) parse(xmeml).getElementsByTagName("file").item(0);
        assertEquals("1280", file.getElementsByTagName("width").item(0).getTextContent());
        assertEquals("720", file.getElementsByTagName("height").item(0).getTextContent());
        Path fcpxml = tmp.resolve("sizes.fcpxml");
        new FcpxmlExporter().export(job, fcpxml, ExportProgress.NONE);
        Document doc = parse(fcpxml);
        Element asset = (Element) doc.getElementsByTagName("asset").item(0);
        NodeList formats = doc.getElementsByTagName("format");
        Element format = null;
        for (int i = 0; i < formats.getLength(); i++) {
            Element f = (Element) formats.item(i);
            if (f.getAttribute("id").equals(asset.getAttribute("format"))) {
                format = f;
            }
        }
        assertNotNull(format, asset.getAttribute("format"));
        assertEquals("1280", format.getAttribute("width"));
        assertEquals("720", format.getAttribute("height"));
        assertEquals("1920", ((Element) formats.item(0)).getAttribute("width"), "the sequence stays 1080p");
    }

    /** A vertical project is a vertical sequence in every editor format, at the export's size. */
    @Test
    void aVerticalProjectExportsAVerticalSequence() throws Exception {
        ExportOptions vertical = ExportOptions.defaults()
                .withMp4(Mp4Preset.P1080, ai.cinboard.domain.AspectRatio.parse("9:16"), Mp4Quality.MEDIUM);
        ExportJob job = ExportJob.of(sample.project, sample.media, vertical);
        assertEquals(List.of(1080, 1920), List.of(job.edit().width(), job.edit().height()));
        Path fcpxml = tmp.resolve("vertical.fcpxml");
        new FcpxmlExporter().export(job, fcpxml, ExportProgress.NONE);
        String text = Files.readString(fcpxml);
        assertTrue(text.contains("width=\"1080\" height=\"1920\""), text);
        assertFalse(text.contains("FFVideoFormat1080p"), "not a 1080p landscape format: " + text);
        Path xmeml = tmp.resolve("vertical.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        String xml = Files.readString(xmeml);
        assertTrue(xml.contains("<width>1080</width>") && xml.contains("<height>1920</height>"), xml);
    }

    @Test
    void sceneWithoutClipOrKeyframesIsAUserFacingError() {
        var p = sample.project;
        var bare = new ai.cinboard.domain.Project(
                p.record(),
                p.statuses(),
                p.scenes(),
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                List.of(),
                List.of(),
                p.clips(),
                p.voiceovers(),
                p.finalVideos());
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                ai.cinboard.domain.StudioException.class, () -> EditDecisionList.from(bare, ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("Scene 2 has neither a clip nor keyframes"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void fcpxmlTimesAreFrameAlignedAndAddUp(FrameRate rate) throws Exception {
        Path out = tmp.resolve("edit.fcpxml");
        new FcpxmlExporter().export(job(rate), out, ExportProgress.NONE);
        assertTrue(Files.readString(out).contains("<!DOCTYPE fcpxml>"));
        Document doc = parse(out);
        Element root = doc.getDocumentElement();
        assertEquals("1.10", root.getAttribute("version"));
        Element format = (Element) doc.getElementsByTagName("format").item(0);
        long[] frame = rational(format.getAttribute("frameDuration"));
        assertEquals(rate.frameDurationNumerator(), frame[0]);
        assertEquals(rate.frameDurationDenominator(), frame[1]);

        Element sequence = (Element) doc.getElementsByTagName("sequence").item(0);
        assertFalse(sequence.getAttribute("duration").isEmpty(), "sequence duration must be present");
        long sequenceFrames = frames(sequence.getAttribute("duration"), frame);
        long tcStart = frames(sequence.getAttribute("tcStart"), frame);
        assertEquals(rate.dropFrame() ? "DF" : "NDF", sequence.getAttribute("tcFormat"));

        Element spine = (Element) sequence.getElementsByTagName("spine").item(0);
        List<Element> clips = children(spine, "asset-clip");
        assertEquals(6, clips.size());
        Set<String> assetIds = new HashSet<>();
        NodeList assets = doc.getElementsByTagName("asset");
        for (int i = 0; i < assets.getLength(); i++) {
            Element a = (Element) assets.item(i);
            assetIds.add(a.getAttribute("id"));
            frames(a.getAttribute("duration"), frame);
            Element rep = (Element) a.getElementsByTagName("media-rep").item(0);
            assertEquals("original-media", rep.getAttribute("kind"));
            assertTrue(rep.getAttribute("src").startsWith("file:///"), rep.getAttribute("src"));
        }
        long sum = 0;
        long expectedOffset = tcStart;
        for (Element c : clips) {
            assertTrue(assetIds.contains(c.getAttribute("ref")));
            assertEquals(expectedOffset, frames(c.getAttribute("offset"), frame), "clips must be contiguous");
            frames(c.getAttribute("start"), frame);
            long d = frames(c.getAttribute("duration"), frame);
            sum += d;
            expectedOffset += d;
        }
        assertEquals(sequenceFrames, sum);
        assertEquals(job(rate).edit().totalFrames(), sum);
        List<Element> connected = children(clips.get(0), "asset-clip");
        assertEquals(1, connected.size(), "the voiceover is a connected clip");
        assertEquals("-1", connected.get(0).getAttribute("lane"));
    }

    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void xmemlHasSequenceDurationAndFrameCountsThatAddUp(FrameRate rate) throws Exception {
        Path out = tmp.resolve("edit.xml");
        new XmemlExporter().export(job(rate), out, ExportProgress.NONE);
        Document doc = parse(out);
        assertEquals("4", doc.getDocumentElement().getAttribute("version"));
        Element sequence = (Element) doc.getElementsByTagName("sequence").item(0);
        Element duration = child(sequence, "duration");
        assertNotNull(duration, "sequence <duration> must be present");
        long sequenceFrames = Long.parseLong(duration.getTextContent());
        Element seqRate = child(sequence, "rate");
        assertEquals(String.valueOf(rate.timebase()), child(seqRate, "timebase").getTextContent());
        assertEquals(rate.ntsc() ? "TRUE" : "FALSE", child(seqRate, "ntsc").getTextContent());

        Element video = child(child(sequence, "media"), "video");
        List<Element> items = children(child(video, "track"), "clipitem");
        assertEquals(6, items.size());
        long sum = 0;
        long expectedStart = 0;
        Map<String, Element> files = new HashMap<>();
        for (Element item : items) {
            long start = num(item, "start");
            long end = num(item, "end");
            long in = num(item, "in");
            long out2 = num(item, "out");
            assertEquals(expectedStart, start);
            assertEquals(end - start, out2 - in, "source and record lengths agree");
            assertTrue(out2 <= num(item, "duration"));
            Element file = child(item, "file");
            if (child(file, "pathurl") != null) {
                files.put(file.getAttribute("id"), file);
                assertNotNull(child(file, "duration"));
                assertNotNull(child(file, "rate"));
            } else {
                assertTrue(files.containsKey(file.getAttribute("id")), "file referenced before defined");
            }
            sum += end - start;
            expectedStart = end;
        }
        assertEquals(sequenceFrames, sum);
        Element audioTrack = child(child(child(sequence, "media"), "audio"), "track");
        Element vo = child(audioTrack, "clipitem");
        assertEquals(rate.framesFor(java.math.BigDecimal.valueOf(11)), num(vo, "end") - num(vo, "start"));
    }

    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void edlParsesBackWithShortUniqueReelsAndContiguousRecordTimes(FrameRate rate) throws Exception {
        Path out = tmp.resolve("edit.edl");
        new Cmx3600Exporter().export(job(rate), out, ExportProgress.NONE);
        List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
        assertTrue(lines.get(0).startsWith("TITLE: "));
        assertEquals(rate.dropFrame() ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME", lines.get(1));
        // the sample's scenes open with the default crossfade: a zero-length cut of the outgoing source, then a
        // dissolve
        Pattern event =
                Pattern.compile("^(\\d{3})  (\\S{1,8})\\s+(V|AA)\\s+(?:C|D    \\d{3})\\s+(\\S+) (\\S+) (\\S+) (\\S+)$");
        long rec = -1;
        long sum = 0;
        int video = 0;
        int audio = 0;
        int comments = 0;
        Map<String, String> reelBySource = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher m = event.matcher(line);
            if (line.startsWith("* FROM CLIP NAME: ")) {
                comments++;
                names.add(line.substring(18));
            }
            if (!m.matches()) {
                continue;
            }
            String reel = m.group(2);
            assertTrue(reel.matches("[A-Z0-9]{1,8}"), reel);
            long srcIn = rate.framesOf(m.group(4));
            long srcOut = rate.framesOf(m.group(5));
            long recIn = rate.framesOf(m.group(6));
            long recOut = rate.framesOf(m.group(7));
            assertEquals(srcOut - srcIn, recOut - recIn);
            if (recOut == recIn) {
                continue; // where a dissolve starts: the outgoing source, zero length
            }
            if (m.group(3).equals("V")) {
                video++;
                if (rec >= 0) {
                    assertEquals(rec, recIn, "record times must be contiguous");
                } else {
                    assertEquals(rate.framesOf("01:00:00:00"), recIn);
                }
                rec = recOut;
                sum += recOut - recIn;
                reelBySource.merge(reel, reel, (a, b) -> a);
            } else {
                audio++;
                assertEquals(rate.framesFor(java.math.BigDecimal.valueOf(11)), recOut - recIn);
            }
        }
        assertEquals(6, video);
        assertEquals(1, audio);
        assertEquals(7, comments);
        assertEquals(6, reelBySource.size(), "one unique reel per source file");
        assertEquals(job(rate).edit().totalFrames(), sum);
        assertTrue(names.contains("scene10.mp4"));
    }

    @Test
    void reelNamesAreSanitisedTruncatedAndUnique() {
        Cmx3600Exporter.ReelNames reels = new Cmx3600Exporter.ReelNames();
        assertEquals("SCENE10", reels.of("a", "scene-10.mp4"));
        assertEquals("KEYFRAME", reels.of("b", "keyframe_0001.png"));
        assertEquals("KEYFRAM1", reels.of("c", "keyframe_0002.png"));
        assertEquals("KEYFRAM2", reels.of("d", "keyframe_0003.png"));
        assertEquals("KEYFRAME", reels.of("b", "keyframe_0001.png"), "same source keeps its reel");
        assertEquals("REEL", reels.of("e", "日本語.png"));
        assertEquals("CAFE", reels.of("f", "café.mov"));
    }

    /** The sample project with these scenes and clips. */
    private ai.cinboard.domain.Project sampleWith(List<ai.cinboard.domain.Scene> scenes, List<VideoClip> clips) {
        var p = sample.project;
        return new ai.cinboard.domain.Project(
                p.record(),
                p.statuses(),
                scenes,
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                p.keyframes(),
                p.keyframeImages(),
                clips,
                p.voiceovers(),
                p.finalVideos());
    }

    /** The sample with its second scene opening with a 0.5 s dip to black and its third with a 1 s wipe. */
    private ExportJob withDipAndWipe() {
        var p = sample.project;
        var scenes = new ArrayList<>(p.scenes());
        scenes.sort(java.util.Comparator.comparing(ai.cinboard.domain.Scene::position));
        scenes.set(1, scenes.get(1).withTransition(new Transition(Transition.Kind.DIP, new BigDecimal("0.5"))));
        scenes.set(2, scenes.get(2).withTransition(new Transition(Transition.Kind.WIPE, new BigDecimal("1"))));
        var project = sampleWith(scenes, p.clips());
        return ExportJob.of(project, sample.media, ExportOptions.defaults().withFrameRate(FrameRate.FPS_24));
    }

    @Test
    void transitionsAreInTheEdlFcpxmlAndXmemlWhereTheScenesOpen() throws Exception {
        ExportJob job = withDipAndWipe();
        EditDecisionList edl = job.edit();
        long second = edl.scenes().get(1).recordIn();
        long third = edl.scenes().get(2).recordIn();

        Path edlFile = tmp.resolve("t.edl");
        new Cmx3600Exporter().export(job, edlFile, ExportProgress.NONE);
        String text = Files.readString(edlFile, StandardCharsets.US_ASCII);
        // the dip: out to the black reel over 6 frames at the cut, then in from black over the other 6
        String cut2 = FrameRate.FPS_24.timecode(edl.startFrames() + second);
        String half = FrameRate.FPS_24.timecode(edl.startFrames() + second + 6);
        assertTrue(
                Pattern.compile("(?m)^\\d{3}  BL\\s+V\\s+D    006 00:00:00:00 00:00:00:06 " + cut2 + " " + half
                                + "\\r?$")
                        .matcher(text)
                        .find(),
                text);
        assertTrue(
                Pattern.compile("(?m)^\\d{3}  BL\\s+V\\s+C\\s+00:00:00:06 00:00:00:06 " + half + " " + half)
                        .matcher(text)
                        .find(),
                text);
        assertTrue(
                Pattern.compile("(?m)^\\d{3}  \\S+\\s+V\\s+D    006 \\S+ \\S+ " + half + " ")
                        .matcher(text)
                        .find(),
                text);
        String cut3 = FrameRate.FPS_24.timecode(edl.startFrames() + third);
        assertTrue(
                Pattern.compile("(?m)^\\d{3}  \\S+\\s+V\\s+W001 024 \\S+ \\S+ " + cut3 + " ")
                        .matcher(text)
                        .find(),
                text);
        assertTrue(text.contains("* EFFECT NAME: DIP TO BLACK") && text.contains("* EFFECT NAME: WIPE"), text);

        Path fcpxml = tmp.resolve("t.fcpxml");
        new FcpxmlExporter().export(job, fcpxml, ExportProgress.NONE);
        Document doc = parse(fcpxml);
        Element spine = (Element) doc.getElementsByTagName("spine").item(0);
        List<Element> transitions = children(spine, "transition");
        assertEquals(2, transitions.size());
        long[] frame = rational(((Element) doc.getElementsByTagName("format").item(0)).getAttribute("frameDuration"));
        Map<String, Element> effects = new HashMap<>();
        NodeList effectList = doc.getElementsByTagName("effect");
        for (int i = 0; i < effectList.getLength(); i++) {
            Element e = (Element) effectList.item(i);
            effects.put(e.getAttribute("id"), e);
        }
        assertEquals("Dip to Color", transitions.get(0).getAttribute("name"));
        assertEquals(edl.startFrames() + second, frames(transitions.get(0).getAttribute("offset"), frame));
        assertEquals(12, frames(transitions.get(0).getAttribute("duration"), frame));
        Element dipEffect =
                effects.get(child(transitions.get(0), "filter-video").getAttribute("ref"));
        assertEquals("Fade To Color", dipEffect.getAttribute("name"));
        assertTrue(dipEffect.getAttribute("uid").startsWith("FxPlug:"));
        assertEquals("Wipe", transitions.get(1).getAttribute("name"));
        assertEquals(edl.startFrames() + third, frames(transitions.get(1).getAttribute("offset"), frame));
        assertEquals(24, frames(transitions.get(1).getAttribute("duration"), frame));
        assertEquals(
                "Wipe",
                effects.get(child(transitions.get(1), "filter-video").getAttribute("ref"))
                        .getAttribute("name"));

        Path xmeml = tmp.resolve("t.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        Document x = parse(xmeml);
        NodeList items = x.getElementsByTagName("transitionitem");
        assertEquals(2, items.getLength());
        Element dip = (Element) items.item(0);
        assertEquals(second, num(dip, "start"));
        assertEquals(second + 12, num(dip, "end"));
        assertEquals(
                "Dip to Color Dissolve", child(child(dip, "effect"), "effectid").getTextContent());
        Element wipe = (Element) items.item(1);
        assertEquals(third, num(wipe, "start"));
        assertEquals(third + 24, num(wipe, "end"));
        assertEquals("Wipe", child(child(wipe, "effect"), "effectcategory").getTextContent());
    }

    @Test
    void scenesOpenWithTheDefaultCrossfadeInEveryEditorFormat() throws Exception {
        ExportJob job = job(FrameRate.FPS_24);
        Path fcpxml = tmp.resolve("d.fcpxml");
        new FcpxmlExporter().export(job, fcpxml, ExportProgress.NONE);
        List<Element> transitions =
                children((Element) parse(fcpxml).getElementsByTagName("spine").item(0), "transition");
        assertEquals(2, transitions.size(), "one for each scene after the first");
        assertTrue(transitions.stream().allMatch(t -> t.getAttribute("name").equals("Cross Dissolve")));
        Path xmeml = tmp.resolve("d.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        assertEquals(2, parse(xmeml).getElementsByTagName("transitionitem").getLength());
        Path edlFile = tmp.resolve("d.edl");
        new Cmx3600Exporter().export(job, edlFile, ExportProgress.NONE);
        // 0.5 s at 24 fps
        assertEquals(
                2,
                Pattern.compile("(?m) V\\s+D    012 ")
                        .matcher(Files.readString(edlFile))
                        .results()
                        .count());
    }

    @Test
    void xmemlCarriesTheSubtitleCuesAsTitlesLikeTheSrt() throws Exception {
        ExportJob job = job(FrameRate.FPS_24);
        EditDecisionList edl = job.edit();
        assertFalse(edl.cues().isEmpty());
        Path xmeml = tmp.resolve("c.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        NodeList titles = parse(xmeml).getElementsByTagName("generatoritem");
        assertEquals(edl.cues().size(), titles.getLength());
        for (int i = 0; i < titles.getLength(); i++) {
            Element t = (Element) titles.item(i);
            SubtitleCue cue = edl.cues().get(i);
            assertEquals(FrameRate.FPS_24.framesForMillis(cue.startMillis()), num(t, "start"));
            Element effect = child(t, "effect");
            assertEquals("generator", child(effect, "effecttype").getTextContent());
            assertEquals(cue.text(), child(child(effect, "parameter"), "value").getTextContent());
        }
        // the same words as the SRT export
        Path srt = tmp.resolve("c.srt");
        new SrtExporter().export(job, srt, ExportProgress.NONE);
        String srtText = Files.readString(srt);
        assertTrue(edl.cues().stream().allMatch(c -> srtText.contains(c.text())));
    }

    @Test
    void captionsHangOffTheClipTheyStartInAndTakeTheProjectsSubtitleLook() throws Exception {
        ai.cinboard.domain.SubtitleStyle look =
                ai.cinboard.domain.SubtitleStyle.preset("bold-outline").withColor("#FFD400");
        ExportJob job = ExportJob.of(
                sample.project,
                sample.media,
                ExportOptions.defaults().withFrameRate(FrameRate.FPS_24).withSubtitles(look));
        Path fcpxml = tmp.resolve("look.fcpxml");
        new FcpxmlExporter().export(job, fcpxml, ExportProgress.NONE);
        Document doc = parse(fcpxml);
        long[] frame = rational(((Element) doc.getElementsByTagName("format").item(0)).getAttribute("frameDuration"));
        NodeList captions = doc.getElementsByTagName("caption");
        assertEquals(job.edit().framedCues().size(), captions.getLength());
        java.util.Set<Node> parents = new HashSet<>();
        for (int i = 0; i < captions.getLength(); i++) {
            Element c = (Element) captions.item(i);
            Element parent = (Element) c.getParentNode();
            parents.add(parent);
            // a connected item's anchor lies inside its parent's local time range
            long start = frames(parent.getAttribute("start"), frame);
            long offset = frames(c.getAttribute("offset"), frame);
            assertTrue(
                    offset >= start && offset < start + frames(parent.getAttribute("duration"), frame),
                    c.getAttribute("name") + " at " + offset + " outside its clip from " + start);
            assertEquals("bottom", child(c, "text").getAttribute("placement"));
            Element style = child(child(c, "text-style-def"), "text-style");
            assertEquals("1", style.getAttribute("bold"));
            assertEquals("1 0.8314 0 1", style.getAttribute("fontColor"));
            assertFalse(style.getAttribute("strokeColor").isEmpty(), "the outline");
            assertEquals("", style.getAttribute("backgroundColor"), "no box");
        }
        assertTrue(parents.size() > 1, "the captions of later scenes hang off later clips");

        Path xmeml = tmp.resolve("look.xml");
        new XmemlExporter().export(job, xmeml, ExportProgress.NONE);
        Element effect = child(
                (Element) parse(xmeml).getElementsByTagName("generatoritem").item(0), "effect");
        java.util.Map<String, Element> params = new java.util.HashMap<>();
        for (Element p : children(effect, "parameter")) {
            params.put(child(p, "parameterid").getTextContent(), p);
        }
        assertEquals("2", child(params.get("fontstyle"), "value").getTextContent(), "bold");
        Element rgb = child(params.get("fontcolor"), "value");
        assertEquals(
                "255 212 0",
                String.join(
                        " ",
                        List.of(
                                child(rgb, "red").getTextContent(),
                                child(rgb, "green").getTextContent(),
                                child(rgb, "blue").getTextContent())));
        assertEquals("0.38", child(child(params.get("origin"), "value"), "vert").getTextContent(), "at the bottom");
        // captions in a font with the story's script
        assertEquals("Hiragino Sans", EditorFonts.forCaptions("ja", ai.cinboard.domain.SubtitleStyle.Face.BOLD));
        assertEquals("PingFang SC", EditorFonts.forCaptions("zh-Hans", ai.cinboard.domain.SubtitleStyle.Face.SANS));
        assertEquals("Helvetica", EditorFonts.forCaptions("en", ai.cinboard.domain.SubtitleStyle.Face.SANS));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static long[] rational(String time) {
        Matcher m = Pattern.compile("^(\\d+)(?:/(\\d+))?s$").matcher(time);
        assertTrue(m.matches(), "not an FCPXML time: " + time);
        return new long[] {Long.parseLong(m.group(1)), m.group(2) == null ? 1 : Long.parseLong(m.group(2))};
    }

    /** The time in frames; fails unless it is an exact multiple of the frame duration. */
    private static long frames(String time, long[] frame) {
        long[] t = rational(time);
        BigInteger num = BigInteger.valueOf(t[0]).multiply(BigInteger.valueOf(frame[1]));
        BigInteger den = BigInteger.valueOf(t[1]).multiply(BigInteger.valueOf(frame[0]));
        BigInteger[] qr = num.divideAndRemainder(den);
        assertEquals(BigInteger.ZERO, qr[1], time + " is not on a frame boundary");
        return qr[0].longValueExact();
    }

    private static long num(Element parent, String name) {
        return Long.parseLong(child(parent, name).getTextContent().trim());
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
