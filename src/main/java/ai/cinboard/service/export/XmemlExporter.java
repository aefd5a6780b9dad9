package ai.cinboard.service.export;

import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.Transition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Final Cut Pro 7 interchange XML (xmeml version 4), the format Premiere Pro and DaVinci Resolve import.
 * Start/end are timeline frames, in/out source frames (out exclusive). The sequence's {@code <duration>}
 * is always written: Storyboarder omits it and Premiere then opens an empty-length sequence. A scene that opens
 * with a transition has a {@code <transitionitem>} before its first clip, starting at the cut ({@code start}
 * alignment) as the render does. The subtitle cues, the same as the SRT's, are Text generators on a second video
 * track, as FCPXML carries them as captions.
 */
public final class XmemlExporter implements Exporter {

    @Override
    public boolean bundlesMedia() {
        return true;
    }

    @Override
    public String format() {
        return "xmeml";
    }

    @Override
    public String extension() {
        return "xml";
    }

    @Override
    public String label() {
        return "Premiere / Resolve (xmeml)";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        EditDecisionList edl = job.edit();
        FrameRate rate = edl.frameRate();
        progress.update(0, "Writing xmeml");
        XmlWriter x = new XmlWriter("xmeml");
        x.start("xmeml", "version", "4");
        x.start("sequence", "id", "sequence-1");
        x.text("name", edl.title());
        x.text("duration", edl.totalFrames());
        rate(x, rate);
        x.start("timecode");
        rate(x, rate);
        x.text("string", rate.timecode(edl.startFrames()));
        x.text("frame", edl.startFrames());
        x.text("displayformat", rate.dropFrame() ? "DF" : "NDF");
        x.end();
        x.start("media");
        x.start("video");
        x.start("format");
        x.start("samplecharacteristics");
        rate(x, rate);
        x.text("width", edl.width());
        x.text("height", edl.height());
        x.text("pixelaspectratio", "square");
        x.end().end();
        x.start("track");
        // A file element is written in full once; later clipitems refer to it by id alone, as the format asks.
        Set<String> written = new HashSet<>();
        int fileNo = 0;
        java.util.Map<String, String> fileIds = new java.util.HashMap<>();
        int done = 0;
        for (TimelineEvent e : edl.events()) {
            SceneCut opened = done == 0 ? null : edl.openedWithTransition(e).orElse(null);
            if (opened != null) {
                transition(x, rate, opened.scene().transition().kind(), e.recordIn(), edl.openingFrames(opened));
            }
            String fileId = fileIds.get(e.sourceUrl());
            if (fileId == null) {
                fileId = "file-" + (++fileNo);
                fileIds.put(e.sourceUrl(), fileId);
            }
            x.start("clipitem", "id", "clipitem-" + e.number());
            x.text("name", e.name());
            x.text("enabled", "TRUE");
            x.text("duration", e.sourceFrames());
            rate(x, rate);
            x.text("start", e.recordIn());
            x.text("end", e.recordOut());
            x.text("in", e.sourceIn());
            x.text("out", e.sourceOut());
            if (written.add(fileId)) {
                x.start("file", "id", fileId);
                x.text("name", e.name());
                x.text("pathurl", ExportOptions.asFileUrl(e.sourceUrl()));
                rate(x, rate);
                x.text("duration", e.sourceFrames());
                int[] size = edl.sourceSize(e.sourceUrl());
                x.start("media").start("video").start("samplecharacteristics");
                x.text("width", size[0]);
                x.text("height", size[1]);
                x.end().end().end();
                x.end();
            } else {
                x.empty("file", "id", fileId);
            }
            x.end();
            progress.update(0.9 * ++done / edl.events().size(), "Clip " + done);
        }
        x.end(); // track
        titles(x, edl, job.options().subtitleLook());
        x.end(); // video
        x.start("audio");
        if (edl.voiceover().isPresent()) {
            AudioEvent a = edl.voiceover().get();
            x.start("track");
            x.start("clipitem", "id", "clipitem-vo");
            x.text("name", a.name());
            x.text("enabled", "TRUE");
            x.text("duration", a.sourceFrames());
            rate(x, rate);
            x.text("start", a.recordIn());
            x.text("end", a.recordOut());
            x.text("in", a.sourceIn());
            x.text("out", a.sourceOut());
            x.start("file", "id", "file-vo");
            x.text("name", a.name());
            x.text("pathurl", ExportOptions.asFileUrl(a.sourceUrl()));
            rate(x, rate);
            x.text("duration", a.sourceFrames());
            x.start("media").start("audio");
            x.text("channelcount", a.channels());
            x.start("samplecharacteristics").text("samplerate", a.sampleRate()).end();
            x.end().end();
            x.end(); // file
            x.start("sourcetrack");
            x.text("mediatype", "audio");
            x.text("trackindex", 1);
            x.end();
            x.end(); // clipitem
            x.end(); // track
        }
        if (!edl.music().isEmpty()) {
            // the music bed on a track of its own, its repetitions back to back; one file element, then refs
            x.start("track");
            int n = 0;
            for (AudioEvent m : edl.music()) {
                x.start("clipitem", "id", "clipitem-music-" + (++n));
                x.text("name", m.name());
                x.text("enabled", "TRUE");
                x.text("duration", m.sourceFrames());
                rate(x, rate);
                x.text("start", m.recordIn());
                x.text("end", m.recordOut());
                x.text("in", m.sourceIn());
                x.text("out", m.sourceOut());
                if (n == 1) {
                    x.start("file", "id", "file-music");
                    x.text("name", m.name());
                    x.text("pathurl", ExportOptions.asFileUrl(m.sourceUrl()));
                    rate(x, rate);
                    x.text("duration", m.sourceFrames());
                    x.start("media").start("audio");
                    x.text("channelcount", m.channels());
                    x.start("samplecharacteristics")
                            .text("samplerate", m.sampleRate())
                            .end();
                    x.end().end();
                    x.end(); // file
                } else {
                    x.empty("file", "id", "file-music");
                }
                x.start("sourcetrack");
                x.text("mediatype", "audio");
                x.text("trackindex", 1);
                x.end();
                x.end(); // clipitem
            }
            x.end(); // track
        }
        x.end(); // audio
        x.end().end().end(); // media sequence xmeml
        FcpxmlExporter.write(out, x.finish());
        progress.update(1, "xmeml written");
    }

    private static void transition(XmlWriter x, FrameRate rate, Transition.Kind kind, long start, long frames) {
        x.start("transitionitem");
        rate(x, rate);
        x.text("start", start);
        x.text("end", start + frames);
        x.text("alignment", "start");
        x.start("effect");
        String name = switch (kind) {
            case DIP -> "Dip to Color Dissolve";
            case WIPE -> "Edge Wipe";
            default -> "Cross Dissolve";
        };
        x.text("name", name);
        x.text("effectid", name);
        x.text("effectcategory", kind == Transition.Kind.WIPE ? "Wipe" : "Dissolve");
        x.text("effecttype", "transition");
        x.text("mediatype", "video");
        if (kind == Transition.Kind.DIP) {
            // the dip's colour; black is also Final Cut 7's default
            x.start("parameter");
            x.text("parameterid", "color");
            x.text("name", "Color");
            x.start("value");
            x.text("alpha", 255).text("red", 0).text("green", 0).text("blue", 0);
            x.end();
            x.end();
        }
        x.end(); // effect
        x.end(); // transitionitem
    }

    /**
     * The edit's subtitle cues as Text generators on their own track, in the project's subtitle look (font, size,
     * bold, colour, and the origin's height for top, middle or bottom); a cue shorter than a frame is left out.
     */
    private static void titles(XmlWriter x, EditDecisionList edl, SubtitleStyle look) {
        FrameRate rate = edl.frameRate();
        x.start("track");
        int n = 0;
        for (EditDecisionList.FramedCue f : edl.framedCues()) {
            SubtitleCue c = f.cue();
            long from = f.from();
            long to = f.to();
            x.start("generatoritem", "id", "title-" + ++n);
            x.text("name", c.text());
            x.text("enabled", "TRUE");
            x.text("duration", to - from);
            rate(x, rate);
            x.text("start", from);
            x.text("end", to);
            x.text("in", 0);
            x.text("out", to - from);
            x.start("effect");
            x.text("name", "Text");
            x.text("effectid", "Text");
            x.text("effectcategory", "Text");
            x.text("effecttype", "generator");
            x.text("mediatype", "video");
            x.start("parameter");
            x.text("parameterid", "str");
            x.text("name", "Text");
            x.text("value", c.text());
            x.end();
            textLook(x, edl, look);
            x.end(); // effect
            x.end(); // generatoritem
        }
        x.end(); // track
    }

    /** The Text generator's font, size, style (1 plain, 2 bold), centred alignment, colour and origin. */
    private static void textLook(XmlWriter x, EditDecisionList edl, SubtitleStyle look) {
        parameter(x, "fontname", "Font", EditorFonts.forCaptions(edl.language(), look.font()));
        parameter(x, "fontsize", "Size", String.valueOf(Math.round(edl.height() * look.size() / 100)));
        parameter(x, "fontstyle", "Style", look.font() == SubtitleStyle.Face.BOLD ? "2" : "1");
        parameter(x, "fontalign", "Alignment", "2");
        x.start("parameter");
        x.text("parameterid", "fontcolor");
        x.text("name", "Font Color");
        x.start("value");
        x.text("alpha", 255);
        x.text("red", (look.rgb() >> 16) & 0xFF);
        x.text("green", (look.rgb() >> 8) & 0xFF);
        x.text("blue", look.rgb() & 0xFF);
        x.end();
        x.end();
        // the origin is the text's offset from the frame's centre, in frame heights, downwards
        x.start("parameter");
        x.text("parameterid", "origin");
        x.text("name", "Origin");
        x.start("value");
        x.text("horiz", 0);
        x.text(
                "vert",
                switch (look.position()) {
                    case TOP -> "-0.38";
                    case MIDDLE -> "0";
                    // a vertical frame keeps its bottom fifth clear, as the render does (phone apps draw there)
                    case BOTTOM -> edl.height() > edl.width() ? "0.24" : "0.38";
                });
        x.end();
        x.end();
    }

    private static void parameter(XmlWriter x, String id, String name, String value) {
        x.start("parameter");
        x.text("parameterid", id);
        x.text("name", name);
        x.text("value", value);
        x.end();
    }

    private static void rate(XmlWriter x, FrameRate rate) {
        x.start("rate");
        x.text("timebase", rate.timebase());
        x.text("ntsc", rate.ntsc() ? "TRUE" : "FALSE");
        x.end();
    }
}
