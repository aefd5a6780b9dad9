package ai.cinboard.service.export;

import ai.cinboard.media.ffmpeg.AudioDecoder;
import ai.cinboard.media.ffmpeg.HeldEnd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The media an editor timeline points at, gathered into a folder beside it: {@code edit.fcpxml} gets {@code
 * edit.fcpxml-media/} with each scene's clip (or its stills), the voiceover and the music, and the timeline names those
 * files. So the timeline opens wherever it and its folder go: a team's media is on S3, whose presigned addresses
 * expire within minutes and which no editor opens, and the studio's own media folder is not something to hand
 * an editor.
 *
 * <p>A clip followed by a transition gets its handle here. The render holds a clip's last picture through the
 * transition after it; the copy holds it as frames past the clip's out point, for the editor's transition (which
 * starts at the cut) to run on. Without them an editor shortens or refuses the transition.
 */
final class EditorMedia {
    private EditorMedia() {}

    /**
     * Copies the edit's media into the folder beside {@code target} and returns the job over the copies. The folder
     * is filled under a temporary name and its files are moved in when all are written, so a failed or cancelled
     * export leaves an earlier export's media as it was.
     */
    static ExportJob gather(ExportJob job, Path target, ExportProgress progress) throws IOException {
        EditDecisionList edl = job.edit();
        Map<String, String> names = names(edl);
        Map<String, Long> handles = handles(edl);
        Path folder = folderFor(target);
        Path partial = target.resolveSibling(".cinboard-partial-" + folder.getFileName());
        deleteTree(partial);
        Files.createDirectories(partial);
        Map<String, Path> copies = new HashMap<>();
        Map<String, Long> longer = new HashMap<>();
        Map<String, int[]> sounds = new HashMap<>();
        java.util.Set<String> audio = new java.util.HashSet<>();
        edl.voiceover().ifPresent(a -> audio.add(a.sourceUrl()));
        edl.music().forEach(m -> audio.add(m.sourceUrl()));
        try {
            int done = 0;
            for (Map.Entry<String, String> file : names.entrySet()) {
                String url = file.getKey();
                Path copy = partial.resolve(file.getValue());
                long handle = handles.getOrDefault(url, 0L);
                progress.update(
                        (double) done / names.size(),
                        (handle > 0 ? "Clip with its handle: " : "Media: ") + file.getValue());
                try (InputStream in = job.media().open(url)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                if (handle > 0) {
                    Path held = partial.resolve(".held-" + file.getValue());
                    HeldEnd.extend(copy, held, handle / edl.frameRate().framesPerSecond());
                    Files.move(held, copy, StandardCopyOption.REPLACE_EXISTING);
                    longer.put(url, handle);
                }
                if (audio.contains(url)) {
                    // the editor is told the file's own rate and channels (a music bed may be 44.1 kHz mono)
                    AudioDecoder.format(copy).ifPresent(f -> sounds.put(url, new int[] {f.sampleRate(), f.channels()}));
                }
                copies.put(url, folder.resolve(file.getValue()));
                done++;
            }
            Files.createDirectories(folder);
            for (String name : names.values()) {
                Files.move(partial.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(partial);
        }
        progress.update(1, "Media gathered in " + folder.getFileName());
        return new ExportJob(job.project(), edl.withMedia(copies, longer, sounds), job.media(), job.options());
    }

    /**
     * {@code edit.fcpxml} → {@code edit.fcpxml-media} beside it: a folder per timeline file, so an EDL written
     * beside an FCPXML of another project (or at another rate) can't replace the media the FCPXML names.
     */
    static Path folderFor(Path target) {
        return target.resolveSibling(target.getFileName() + "-media");
    }

    /**
     * Each media file of the edit and the name of its copy: scene-01.mp4, scene-02-shot-1.png, voiceover.wav, and
     * the music's own name.
     */
    private static Map<String, String> names(EditDecisionList edl) {
        int digits = Math.max(2, String.valueOf(edl.scenes().size()).length());
        Map<String, String> names = new LinkedHashMap<>();
        for (TimelineEvent e : edl.events()) {
            String scene = "scene-" + String.format(Locale.ROOT, "%0" + digits + "d", e.sceneIndex());
            names.putIfAbsent(
                    e.sourceUrl(),
                    (e.kind() == TimelineEvent.Kind.STILL ? scene + "-shot-" + e.shotNumber() : scene)
                            + extension(e.name(), e.kind() == TimelineEvent.Kind.STILL ? ".png" : ".mp4"));
        }
        edl.voiceover().ifPresent(a -> names.putIfAbsent(a.sourceUrl(), "voiceover" + extension(a.name(), ".wav")));
        // the music keeps the name its creator gave it, where that is a plain file name
        edl.music().forEach(m -> {
            String own = m.name() == null ? "" : m.name().strip();
            // names compare as the file systems editors run on do (macOS, Windows): regardless of case
            boolean plain = own.matches("[\\p{L}\\p{N} ._()-]{1,100}")
                    && !own.startsWith(".")
                    && names.values().stream().noneMatch(own::equalsIgnoreCase);
            names.putIfAbsent(m.sourceUrl(), plain ? own : "music" + extension(m.name(), ".mp3"));
        });
        return names;
    }

    /**
     * Frames each clip needs past its file's end: as many as the transition after it lasts, less the frames the
     * clip has past its out point already (a trimmed clip).
     */
    static Map<String, Long> handles(EditDecisionList edl) {
        Map<String, Long> handles = new HashMap<>();
        List<TimelineEvent> events = edl.events();
        for (int i = 0; i + 1 < events.size(); i++) {
            TimelineEvent e = events.get(i);
            if (e.kind() != TimelineEvent.Kind.CLIP) {
                continue; // an editor holds a still as long as it is asked to
            }
            long transition = edl.openedWithTransition(events.get(i + 1))
                    .map(edl::openingFrames)
                    .orElse(0L);
            long need = transition - (e.sourceFrames() - e.sourceOut());
            if (need > 0) {
                handles.merge(e.sourceUrl(), need, Math::max);
            }
        }
        return handles;
    }

    private static String extension(String name, String fallback) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : fallback;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
