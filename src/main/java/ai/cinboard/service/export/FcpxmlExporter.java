package ai.cinboard.service.export;

import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.Transition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Final Cut Pro XML 1.10. Every time is written as frames x frame duration ("48048/24000s"), so all
 * offsets, starts and durations are exact multiples of the sequence's frameDuration; Final Cut refuses
 * files with times between frames. The sequence's duration is the sum of the spine's clip durations. The
 * subtitle cues are captions connected to the first clip, like the voiceover. A scene that opens with a transition
 * has a {@code <transition>} in the spine before its first clip, starting at the cut as the render does, with the
 * effect Final Cut names Cross Dissolve, Fade To Color (black, its default colour) or Wipe. Those effects' uids are
 * Final Cut's built-in ones as other FCPXML writers publish them.
 */
public final class FcpxmlExporter implements Exporter {

    @Override
    public boolean bundlesMedia() {
        return true;
    }

    @Override
    public String format() {
        return "fcpxml";
    }

    @Override
    public String extension() {
        return "fcpxml";
    }

    @Override
    public String label() {
        return "Final Cut Pro (FCPXML 1.9)";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        EditDecisionList edl = job.edit();
        FrameRate rate = edl.frameRate();
        progress.update(0, "Writing FCPXML");
        XmlWriter x = new XmlWriter("fcpxml");
        x.start("fcpxml", "version", "1.10");
        x.start("resources");
        // The sequence's format (r1), and one of its own for media of another size, so the editor scales it.
        String sequenceSize = sizeKey(new int[] {edl.width(), edl.height()});
        Map<String, String> formatIds = new LinkedHashMap<>();
        formatIds.put(sequenceSize, "r1");
        edl.events().forEach(e -> formatIds.putIfAbsent(sizeKey(edl.sourceSize(e.sourceUrl())), "f"));
        formatIds.replaceAll((size, id) -> size.equals(sequenceSize) ? id : "f" + size);
        for (Map.Entry<String, String> f : formatIds.entrySet()) {
            String[] wh = f.getKey().split("x");
            x.empty(
                    "format",
                    "id",
                    f.getValue(),
                    "name",
                    rate.fcpFormatName(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])),
                    "frameDuration",
                    rate.fcpxmlFrameDuration(),
                    "width",
                    wh[0],
                    "height",
                    wh[1],
                    "colorSpace",
                    "1-1-1 (Rec. 709)");
        }

        // One asset per distinct media file: a clip used twice is one asset referenced twice.
        Map<String, String> assetIds = new LinkedHashMap<>();
        int next = 2;
        for (TimelineEvent e : edl.events()) {
            if (assetIds.containsKey(e.sourceUrl())) {
                continue;
            }
            String id = "r" + next++;
            assetIds.put(e.sourceUrl(), id);
            x.start(
                    "asset",
                    "id",
                    id,
                    "name",
                    e.name(),
                    "start",
                    "0s",
                    "duration",
                    rate.fcpxmlTime(e.sourceFrames()),
                    "hasVideo",
                    "1",
                    "format",
                    formatIds.get(sizeKey(edl.sourceSize(e.sourceUrl()))),
                    "videoSources",
                    "1");
            x.empty("media-rep", "kind", "original-media", "src", ExportOptions.asFileUrl(e.sourceUrl()));
            x.end();
        }
        String audioId = null;
        if (edl.voiceover().isPresent()) {
            AudioEvent a = edl.voiceover().get();
            audioId = "r" + next;
            x.start(
                    "asset",
                    "id",
                    audioId,
                    "name",
                    a.name(),
                    "start",
                    "0s",
                    "duration",
                    rate.fcpxmlTime(a.sourceFrames()),
                    "hasAudio",
                    "1",
                    "audioSources",
                    "1",
                    "audioChannels",
                    String.valueOf(a.channels()),
                    "audioRate",
                    String.valueOf(a.sampleRate()));
            x.empty("media-rep", "kind", "original-media", "src", ExportOptions.asFileUrl(a.sourceUrl()));
            x.end();
        }
        String musicId = null;
        int afterAudio = next + (audioId == null ? 0 : 1);
        if (!edl.music().isEmpty()) {
            AudioEvent m = edl.music().get(0);
            musicId = "r" + afterAudio++;
            x.start(
                    "asset",
                    "id",
                    musicId,
                    "name",
                    m.name(),
                    "start",
                    "0s",
                    "duration",
                    rate.fcpxmlTime(m.sourceFrames()),
                    "hasAudio",
                    "1",
                    "audioSources",
                    "1",
                    "audioChannels",
                    String.valueOf(m.channels()),
                    "audioRate",
                    String.valueOf(m.sampleRate()));
            x.empty("media-rep", "kind", "original-media", "src", ExportOptions.asFileUrl(m.sourceUrl()));
            x.end();
        }
        Map<Transition.Kind, String> effectIds = new LinkedHashMap<>();
        for (SceneCut cut : edl.scenes()) {
            Transition.Kind kind = cut.scene().transition().kind();
            if (edl.openingFrames(cut) > 0 && !effectIds.containsKey(kind)) {
                String id = "r" + afterAudio++;
                effectIds.put(kind, id);
                x.empty("effect", "id", id, "name", effectName(kind), "uid", effectUid(kind));
            }
        }
        x.end(); // resources

        String tcFormat = rate.dropFrame() ? "DF" : "NDF";
        x.start("library");
        x.start("event", "name", edl.title());
        x.start("project", "name", edl.title());
        x.start(
                "sequence",
                "format",
                "r1",
                "duration",
                rate.fcpxmlTime(edl.totalFrames()),
                "tcStart",
                rate.fcpxmlTime(edl.startFrames()),
                "tcFormat",
                tcFormat,
                "audioLayout",
                "stereo",
                "audioRate",
                "48k");
        x.start("spine");
        int done = 0;
        for (TimelineEvent e : edl.events()) {
            SceneCut opened = done == 0 ? null : edl.openedWithTransition(e).orElse(null);
            if (opened != null) {
                Transition.Kind kind = opened.scene().transition().kind();
                x.start(
                        "transition",
                        "name",
                        kind == Transition.Kind.DIP ? "Dip to Color" : effectName(kind),
                        "offset",
                        rate.fcpxmlTime(edl.startFrames() + e.recordIn()),
                        "duration",
                        rate.fcpxmlTime(edl.openingFrames(opened)));
                x.empty("filter-video", "ref", effectIds.get(kind), "name", effectName(kind));
                x.end();
            }
            String[] attrs = {
                "ref",
                assetIds.get(e.sourceUrl()),
                "offset",
                rate.fcpxmlTime(edl.startFrames() + e.recordIn()),
                "name",
                e.name(),
                "start",
                rate.fcpxmlTime(e.sourceIn()),
                "duration",
                rate.fcpxmlTime(e.length()),
                "format",
                "r1",
                "tcFormat",
                tcFormat
            };
            // The voiceover, the music and the subtitles are connected items (the voiceover in lane -1, the
            // music's repetitions in lane -2, the captions in lane 1), each on the spine clip that holds its
            // first frame: a connected item's anchor must fall inside its parent. Their offsets are in the
            // parent's local time, which begins at the parent's start.
            boolean last = done == edl.events().size() - 1;
            List<AudioEvent> voice = edl.voiceover()
                    .filter(a -> holds(e, a.recordIn(), last))
                    .map(List::of)
                    .orElse(List.of());
            List<AudioEvent> music = edl.music().stream()
                    .filter(m -> holds(e, m.recordIn(), last))
                    .toList();
            List<EditDecisionList.FramedCue> cues = edl.framedCues().stream()
                    .filter(c -> holds(e, c.from(), last))
                    .toList();
            if (voice.isEmpty() && music.isEmpty() && cues.isEmpty()) {
                x.empty("asset-clip", attrs);
            } else {
                x.start("asset-clip", attrs);
                for (AudioEvent a : voice) {
                    connected(x, rate, e, a, audioId, "-1", "dialogue");
                }
                for (AudioEvent m : music) {
                    connected(x, rate, e, m, musicId, "-2", "music");
                }
                captions(x, edl, e, cues, job.options().subtitleLook());
                x.end();
            }
            progress.update((double) ++done / edl.events().size(), "Clip " + done);
        }
        x.end().end().end().end().end().end(); // spine sequence project event library fcpxml
        write(out, x.finish());
        progress.update(1, "FCPXML written");
    }

    private static String effectName(Transition.Kind kind) {
        return switch (kind) {
            case DIP -> "Fade To Color";
            case WIPE -> "Wipe";
            default -> "Cross Dissolve";
        };
    }

    private static String effectUid(Transition.Kind kind) {
        return switch (kind) {
            case DIP -> "FxPlug:F779C565-486D-4633-8035-0374B4DB8F5C";
            case WIPE -> "FxPlug:857E2FBA-98DB-411B-A88C-CE6ABC1F65D8";
            default -> "FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265";
        };
    }

    private static String sizeKey(int[] size) {
        return size[0] + "x" + size[1];
    }

    /** Whether the connected item starting at {@code frame} of the edit hangs off {@code e}. */
    private static boolean holds(TimelineEvent e, long frame, boolean last) {
        return frame >= e.recordIn() && (frame < e.recordOut() || last);
    }

    /** A frame of the edit in the local time of the spine clip {@code parent}. */
    private static long local(TimelineEvent parent, long frame) {
        return parent.sourceIn() + frame - parent.recordIn();
    }

    private static void connected(
            XmlWriter x, FrameRate rate, TimelineEvent parent, AudioEvent a, String ref, String lane, String role) {
        x.empty(
                "asset-clip",
                "ref",
                ref,
                "lane",
                lane,
                "offset",
                rate.fcpxmlTime(local(parent, a.recordIn())),
                "name",
                a.name(),
                "start",
                rate.fcpxmlTime(a.sourceIn()),
                "duration",
                rate.fcpxmlTime(a.length()),
                "audioRole",
                role);
    }

    /**
     * Subtitle cues as FCPXML captions (SRT role in the project's language) on {@code parent}: the same cues as
     * the SRT export and the SRT beside the MP4, in the project's subtitle look as far as captions carry one
     * (colour, bold, size, a background box, an outline, and top or bottom). Times are whole frames.
     */
    private static void captions(
            XmlWriter x,
            EditDecisionList edl,
            TimelineEvent parent,
            List<EditDecisionList.FramedCue> cues,
            SubtitleStyle look) {
        FrameRate rate = edl.frameRate();
        String role = "SRT?captionFormat=SRT." + edl.language();
        long fontSize = Math.round(edl.height() * look.size() / 100);
        for (EditDecisionList.FramedCue f : cues) {
            SubtitleCue c = f.cue();
            String style = "ts" + f.from();
            x.start(
                    "caption",
                    "lane",
                    "1",
                    "offset",
                    rate.fcpxmlTime(local(parent, f.from())),
                    "name",
                    c.text().codePointCount(0, c.text().length()) > 40
                            ? c.text().substring(0, c.text().offsetByCodePoints(0, 40)) + "…"
                            : c.text(),
                    "start",
                    rate.fcpxmlTime(f.from()),
                    "duration",
                    rate.fcpxmlTime(f.length()),
                    "role",
                    role);
            x.start("text", "placement", look.position() == SubtitleStyle.Position.TOP ? "top" : "bottom");
            x.text("text-style", c.text(), "ref", style);
            x.end();
            x.start("text-style-def", "id", style);
            List<String> attrs = new ArrayList<>(List.of(
                    "font",
                    EditorFonts.forCaptions(edl.language(), look.font()),
                    "fontSize",
                    String.valueOf(fontSize),
                    "fontColor",
                    color(look.rgb(), 1)));
            if (look.font() == SubtitleStyle.Face.BOLD) {
                attrs.addAll(List.of("bold", "1"));
            }
            if (look.box()) {
                attrs.addAll(List.of("backgroundColor", color(0, 0.6)));
            }
            if (look.outline() > 0) {
                attrs.addAll(List.of(
                        "strokeColor",
                        color(0, 1),
                        "strokeWidth",
                        String.valueOf(Math.max(1, Math.round(fontSize * look.outline() / 100)))));
            }
            x.empty("text-style", attrs.toArray(String[]::new));
            x.end();
            x.end();
        }
    }

    /** An FCPXML colour: red, green, blue and alpha from 0 to 1. */
    private static String color(int rgb, double alpha) {
        return String.join(
                " ",
                channel(((rgb >> 16) & 0xFF) / 255.0),
                channel(((rgb >> 8) & 0xFF) / 255.0),
                channel((rgb & 0xFF) / 255.0),
                channel(alpha));
    }

    private static String channel(double v) {
        return java.math.BigDecimal.valueOf(v)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    static void write(Path out, String text) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
