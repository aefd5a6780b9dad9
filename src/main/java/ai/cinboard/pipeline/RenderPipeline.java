package ai.cinboard.pipeline;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.generation.local.BurnedSubtitles;
import ai.cinboard.generation.local.QualityScores;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import ai.cinboard.text.breakdown.Line;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * The second half of the pipeline: characters, keyframes, clips, voiceover and composition.
 *
 * <p>Every phase completes only what is missing, so running it again after a crash or a failure resumes
 * where it stopped. A row is written only after its file is completely stored; regenerating something
 * deletes the rows that depend on it (a scene's clip) in the same transaction, so the next phase remakes
 * exactly those. Identical generation requests are served from the cache under the spec's keys.
 */
public final class RenderPipeline {
    static final int SHEET_WIDTH = 512;
    static final int SHEET_HEIGHT = 768;
    static final int SHEET_VARIATIONS = 3;

    private final Database database;
    /** Hears every phase change of every run, e.g. the shared status board. */
    private final PhaseListener always;

    private final MediaStores media;
    private final Cache cache;
    private final ImageEngine images;
    private final VideoEngine video;
    private final SpeechEngine speech;
    private final SceneScripts scripts;
    private final RenderSettings settings;

    public RenderPipeline(
            Database database,
            MediaStores media,
            Cache cache,
            ImageEngine images,
            VideoEngine video,
            SpeechEngine speech,
            SceneScripts scripts,
            RenderSettings settings,
            PhaseListener always) {
        this.database = database;
        this.always = always;
        this.media = media;
        this.cache = cache;
        this.images = images;
        this.video = video;
        this.speech = speech;
        this.scripts = scripts;
        this.settings = settings;
    }

    /** What a render produced, for the CLI's --json and the jobs view. */
    public record Result(
            int inputRecordId,
            int finalVideoId,
            String videoUrl,
            Path videoFile,
            Path srtFile,
            List<Path> thumbnails,
            double durationSeconds,
            Map<String, Long> phaseMillis,
            List<String> warnings) {}

    /** A generated file as the cache remembers it: where it is stored, and how it was made. */
    public record CachedMedia(String url, long size, Map<String, Object> params) {}

    public Result run(int recordId, RenderPlan plan, PhaseListener listener) {
        Project project = load(recordId);
        RecordStatus status = project.record().status();
        if (status == RecordStatus.REFUSED || status == RecordStatus.BLOCKED) {
            throw new StudioException(
                    "Project " + recordId + " was " + status.dbValue() + " at intake and can't be rendered.");
        }
        if (project.scenes().isEmpty()) {
            throw new StudioException("Project " + recordId + " has no scenes; run intake (analyze) first.");
        }
        PhaseRecorder recorder = new PhaseRecorder(database, listener, always);
        // Scene ids don't change during a run, so the script lines are worked out once for all phases.
        Map<Integer, List<Line>> lines = scripts.linesByScene(project);
        Map<String, Long> millis = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        phase(recorder, recordId, Phase.CHARACTERS, millis, run -> characters(recordId, plan, run));
        phase(recorder, recordId, Phase.KEYFRAMES, millis, run -> keyframes(recordId, plan, lines, run));
        // The voiceover comes before the clips: a scene its speech outlasts is lengthened first, so each clip
        // is made once at its final length.
        phase(recorder, recordId, Phase.VOICEOVER, millis, run -> {
            Map<String, Object> data = voiceover(recordId, lines, run);
            if (data.containsKey("warning")) {
                warnings.add((String) data.get("warning"));
            }
            return data;
        });
        phase(recorder, recordId, Phase.CLIPS, millis, run -> clips(recordId, run));
        Result[] composed = new Result[1];
        phase(recorder, recordId, Phase.COMPOSITION, millis, run -> {
            composed[0] = composition(recordId, lines, run, millis, warnings);
            return Map.of("final_video_id", composed[0].finalVideoId(), "duration", composed[0].durationSeconds());
        });
        database.inTransaction(s ->
                s.getMapper(InputRecordMapper.class).updateStatus(recordId, RecordStatus.COMPLETED, Phase.COMPOSITION));
        return composed[0];
    }

    @FunctionalInterface
    private interface PhaseWork {
        /** Returns the phase_data to keep; a "skipped_reason" entry marks the phase skipped. */
        Map<String, Object> run(PhaseRecorder.Run run) throws IOException;
    }

    private void phase(PhaseRecorder recorder, int recordId, Phase phase, Map<String, Long> millis, PhaseWork work) {
        checkCancelled();
        long start = System.nanoTime();
        PhaseRecorder.Run run = recorder.start(recordId, phase);
        try {
            Map<String, Object> data = work.run(run);
            if (data.containsKey("skipped_reason")) {
                run.skip((String) data.get("skipped_reason"), data);
            } else {
                run.complete(data);
            }
        } catch (CancellationException e) {
            run.cancel();
            throw e;
        } catch (RuntimeException | IOException e) {
            if (Thread.currentThread().isInterrupted() || hasCause(e, InterruptedException.class)) {
                run.cancel();
                throw new CancellationException("Cancelled during " + phase.dbValue());
            }
            String message = e instanceof StudioException
                    ? e.getMessage()
                    : "The " + phase.dbValue() + " phase failed: " + e.getMessage()
                            + ". Retry it; if it fails again, run with CINBOARD_LOG=debug and report the log.";
            run.fail(message, Map.of("exception", e.getClass().getName()));
            throw e instanceof StudioException se ? se : new StudioException(message, e);
        } finally {
            millis.put(phase.dbValue(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    // ---------------------------------------------------------------- characters

    private Map<String, Object> characters(int recordId, RenderPlan plan, PhaseRecorder.Run run) {
        Project project = load(recordId);
        int made = 0;
        int reused = 0;
        List<Character> characters = project.characters();
        for (int i = 0; i < characters.size(); i++) {
            checkCancelled();
            Character c = characters.get(i);
            boolean regenerate = plan.characterIds().contains(c.id());
            if (!regenerate && c.imageUrl() != null && media.exists(c.imageUrl())) {
                reused++;
                continue;
            }
            CharacterLook look =
                    new CharacterLook(c.characterName(), c.characterDescription(), c.consistencyKey(), null);
            List<StoredSheet> sheets = new ArrayList<>();
            for (int v = 0; v < SHEET_VARIATIONS; v++) {
                CharacterSheetRequest request = new CharacterSheetRequest(look, v, SHEET_WIDTH, SHEET_HEIGHT);
                String key = CacheKeys.character(sha256(
                        images.name(),
                        c.consistencyKey(),
                        c.characterDescription(),
                        c.characterName(),
                        String.valueOf(v),
                        SHEET_WIDTH + "x" + SHEET_HEIGHT));
                CachedMedia stored = cachedImage(
                        key, CacheKeys.CHARACTER_TTL, () -> images.characterSheet(request, run.engineProgress()));
                sheets.add(new StoredSheet(stored, quality(stored.url(), null, null, null)));
            }
            StoredSheet reference = sheets.get(0);
            database.useTransaction(s -> {
                CharacterImageMapper imagesMapper = s.getMapper(CharacterImageMapper.class);
                for (int v = 0; v < sheets.size(); v++) {
                    StoredSheet sheet = sheets.get(v);
                    imagesMapper.insert(new CharacterImage(
                            null,
                            c.id(),
                            null,
                            sheet.media().url(),
                            v == 0 ? "reference" : "variation",
                            sheet.media().params(),
                            sheet.quality(),
                            sheet.media().size(),
                            null));
                }
                s.getMapper(CharacterMapper.class)
                        .update(new Character(
                                c.id(),
                                c.inputRecordId(),
                                c.characterId(),
                                c.characterName(),
                                c.characterDescription(),
                                c.consistencyKey(),
                                reference.media().url(),
                                reference.media().params(),
                                reference.quality(),
                                null,
                                null));
            });
            cache.put(CacheKeys.characterConsistency(c.consistencyKey()), reference.media(), CacheKeys.CHARACTER_TTL);
            made++;
            run.progress(
                    (i + 1) * 100 / characters.size(),
                    Map.of("made", made, "reused", reused, "total", characters.size()));
        }
        return Map.of("made", made, "reused", reused, "total", characters.size());
    }

    private record StoredSheet(CachedMedia media, BigDecimal quality) {}

    // ---------------------------------------------------------------- keyframes

    private Map<String, Object> keyframes(
            int recordId, RenderPlan plan, Map<Integer, List<Line>> lines, PhaseRecorder.Run run) {
        Project project = load(recordId);
        String language = project.record().detectedLanguage();
        Map<Integer, Character> characters =
                project.characters().stream().collect(Collectors.toMap(Character::id, c -> c));
        Map<Integer, byte[]> references = new HashMap<>();
        for (Character c : project.characters()) {
            if (c.imageUrl() != null && media.exists(c.imageUrl())) {
                references.put(c.id(), readAll(c.imageUrl()));
            }
        }
        Map<Integer, List<Integer>> castByScene = project.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId, Collectors.mapping(SceneCharacter::characterId, Collectors.toList())));
        Map<Integer, List<Keyframe>> keyframesByScene =
                project.keyframes().stream().collect(Collectors.groupingBy(Keyframe::sceneId));
        int n = settings.keyframesPerScene();
        int made = 0;
        int kept = 0;
        int locked = 0;
        List<Scene> scenes = project.scenes();
        for (int si = 0; si < scenes.size(); si++) {
            Scene scene = scenes.get(si);
            List<Integer> castIds = castByScene.getOrDefault(scene.id(), List.of());
            boolean wholeScene = plan.sceneIds().contains(scene.id())
                    || (plan.characterKeyframesToo() && castIds.stream().anyMatch(plan.characterIds()::contains));
            List<CharacterLook> cast = castIds.stream()
                    .map(characters::get)
                    .map(c -> new CharacterLook(
                            c.characterName(), c.characterDescription(), c.consistencyKey(), references.get(c.id())))
                    .toList();
            Map<Integer, Keyframe> existing = keyframesByScene.getOrDefault(scene.id(), List.of()).stream()
                    .collect(Collectors.toMap(Keyframe::sequence, k -> k, (a, b) -> a));
            List<String> descriptions = SceneScripts.keyframeDescriptions(scene, lines.get(scene.id()), n);
            for (int seq = 0; seq < n; seq++) {
                checkCancelled();
                Keyframe kf = existing.get(seq);
                if (kf != null && Boolean.TRUE.equals(kf.locked())) {
                    locked++;
                    continue;
                }
                boolean needed = kf == null
                        || kf.imageUrl() == null
                        || !media.exists(kf.imageUrl())
                        || plan.keyframeIds().contains(kf.id())
                        || wholeScene;
                if (!needed) {
                    kept++;
                    continue;
                }
                // A creator's edited description and timing are kept when the image is regenerated.
                String description = kf != null ? kf.keyframeDescription() : descriptions.get(seq);
                int timing = kf != null ? kf.timingSeconds() : SceneScripts.timing(scene, seq, n);
                ShotType shot = ShotType.forSequence(seq);
                long seed = seed(scene, seq, cast);
                KeyframeRequest request = new KeyframeRequest(
                        scene.heading(),
                        scene.location(),
                        scene.timeOfDay(),
                        description,
                        scripts.prompt(description, language),
                        description,
                        language,
                        shot,
                        cast,
                        seed,
                        settings.width(),
                        settings.height());
                String key = CacheKeys.keyframe(sha256(
                        images.name(),
                        scene.heading(),
                        String.valueOf(scene.location()),
                        String.valueOf(scene.timeOfDay()),
                        description,
                        shot.name(),
                        String.valueOf(seed),
                        settings.width() + "x" + settings.height(),
                        cast.stream()
                                .map(c -> c.consistencyKey() + "/" + c.description())
                                .collect(Collectors.joining(","))));
                CachedMedia stored =
                        cachedImage(key, CacheKeys.KEYFRAME_TTL, () -> images.keyframe(request, run.engineProgress()));
                BigDecimal quality =
                        keyframeQuality(stored, castIds.isEmpty() ? null : characters.get(castIds.get(0)), references);
                Keyframe previous = kf;
                int sequence = seq;
                database.useTransaction(s -> {
                    KeyframeMapper keyframes = s.getMapper(KeyframeMapper.class);
                    int id;
                    if (previous == null) {
                        id = keyframes.insert(new Keyframe(
                                null,
                                recordId,
                                scene.id(),
                                "s" + scene.sceneNumber() + "-k" + sequence,
                                sequence,
                                description,
                                stored.url(),
                                timing,
                                stored.params(),
                                quality,
                                false,
                                null));
                    } else {
                        id = previous.id();
                        keyframes.update(new Keyframe(
                                id,
                                recordId,
                                scene.id(),
                                previous.keyframeId(),
                                previous.sequence(),
                                description,
                                stored.url(),
                                timing,
                                stored.params(),
                                quality,
                                false,
                                null));
                    }
                    s.getMapper(KeyframeImageMapper.class)
                            .insert(new KeyframeImage(
                                    null, id, stored.url(), "keyframe", stored.params(), quality, stored.size(), null));
                    // The scene's clip showed the old image: remove it so the clips phase remakes it.
                    for (VideoClip clip : s.getMapper(VideoClipMapper.class).listByScene(scene.id())) {
                        s.getMapper(VideoClipMapper.class).deleteById(clip.id());
                    }
                });
                made++;
            }
            run.progress((si + 1) * 100 / scenes.size(), Map.of("made", made, "kept", kept, "locked", locked));
        }
        return Map.of("made", made, "kept", kept, "locked", locked, "per_scene", n);
    }

    private static long seed(Scene scene, int sequence, List<CharacterLook> cast) {
        String keys = cast.stream().map(CharacterLook::consistencyKey).sorted().collect(Collectors.joining(","));
        byte[] h = digest(scene.heading() + "|" + scene.sceneNumber() + "|" + sequence + "|" + keys);
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (h[i] & 0xff);
        }
        return seed & Long.MAX_VALUE;
    }

    private BigDecimal keyframeQuality(CachedMedia stored, Character lead, Map<Integer, byte[]> references) {
        if (lead == null || !references.containsKey(lead.id())) {
            return quality(stored.url(), null, null, null);
        }
        Rectangle figure = region(stored.params().get("head_regions"), lead.characterName());
        Rectangle reference = region(
                lead.generationParams() == null ? null : lead.generationParams().get("head_region"), null);
        return quality(stored.url(), figure, references.get(lead.id()), reference);
    }

    private BigDecimal quality(String url, Rectangle region, byte[] reference, Rectangle referenceRegion) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(readAll(url)));
            BufferedImage ref = reference == null ? null : ImageIO.read(new ByteArrayInputStream(reference));
            return QualityScores.keyframe(image, region, ref, referenceRegion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a box stored as [x, y, w, h], or from a map of boxes by character name. */
    @SuppressWarnings("unchecked")
    static Rectangle region(Object value, String name) {
        Object box = value;
        if (value instanceof Map<?, ?> byName) {
            box = byName.get(name);
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof List<?>) {
            box = list.get(0);
        }
        if (box instanceof List<?> l && l.size() == 4 && l.get(0) instanceof Number) {
            List<Number> n = (List<Number>) l;
            return new Rectangle(
                    n.get(0).intValue(),
                    n.get(1).intValue(),
                    n.get(2).intValue(),
                    n.get(3).intValue());
        }
        return null;
    }

    // ---------------------------------------------------------------- clips

    /**
     * One clip per scene. Scenes are independent and OpenH264 encodes on one core, so up to
     * {@code encoderThreads} scenes are animated and encoded at once.
     */
    private Map<String, Object> clips(int recordId, PhaseRecorder.Run run) throws IOException {
        Project project = load(recordId);
        Map<Integer, List<Keyframe>> keyframesByScene =
                project.keyframes().stream().collect(Collectors.groupingBy(Keyframe::sceneId));
        Map<Integer, List<Integer>> castByScene = project.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId, Collectors.mapping(SceneCharacter::characterId, Collectors.toList())));
        Map<Integer, VideoClip> clipByScene =
                project.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c, (a, b) -> b));
        Path work = workDir(recordId, "clips");
        List<Scene> scenes = project.scenes();
        int threads = Math.max(1, Math.min(settings.encoderThreads(), scenes.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "render-clip");
            t.setDaemon(true);
            return t;
        });
        int made = 0;
        int kept = 0;
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Scene scene : scenes) {
                results.add(pool.submit(() -> clip(
                        recordId,
                        scene,
                        clipByScene.get(scene.id()),
                        keyframesByScene.getOrDefault(scene.id(), List.of()),
                        castByScene.getOrDefault(scene.id(), List.of()),
                        work,
                        run)));
            }
            for (int si = 0; si < results.size(); si++) {
                if (results.get(si).get()) {
                    made++;
                } else {
                    kept++;
                }
                run.progress((si + 1) * 100 / scenes.size(), Map.of("made", made, "kept", kept));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new StudioException("Making a clip failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Map.of("made", made, "kept", kept);
    }

    /** Makes (or finds in the cache) one scene's clip and stores its row; false when the existing clip is kept. */
    private boolean clip(
            int recordId,
            Scene scene,
            VideoClip existing,
            List<Keyframe> keyframes,
            List<Integer> characterIds,
            Path work,
            PhaseRecorder.Run run)
            throws IOException {
        checkCancelled();
        if (existing != null
                && media.exists(existing.videoUrl())
                && existing.durationSeconds() == roundSeconds(scene.durationSeconds())) {
            return false;
        }
        List<Keyframe> frames = keyframes.stream()
                .filter(k -> k.imageUrl() != null)
                .sorted(Comparator.comparing(Keyframe::sequence))
                .toList();
        if (frames.isEmpty()) {
            throw new StudioException(
                    "Scene " + scene.sceneNumber() + " has no keyframe images; regenerate the scene.");
        }
        List<Path> files = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        double duration = scene.durationSeconds().doubleValue();
        for (Keyframe k : frames) {
            files.add(download(k.imageUrl(), work));
            times.add(Math.min(duration, Math.max(0, k.timingSeconds())));
        }
        String clipKey = sha256(
                video.name(),
                frames.stream().map(Keyframe::imageUrl).collect(Collectors.joining(",")),
                times.toString(),
                scene.durationSeconds().toPlainString(),
                settings.width() + "x" + settings.height() + "@" + settings.fps());
        String clipId = "clip-" + clipKey.substring(0, 16);
        CachedMedia stored = cache.get(CacheKeys.videoClip(clipId), CachedMedia.class)
                .filter(c -> media.exists(c.url()))
                .orElse(null);
        BigDecimal quality;
        if (stored == null) {
            Path out = work.resolve(clipId + ".mp4");
            GeneratedClip clip = video.clip(
                    new ClipRequest(
                            files, times, duration, settings.width(), settings.height(), settings.fps(), null, out),
                    run.engineProgress());
            MediaInfo info = MediaProbe.probeAndDecode(clip.file());
            quality = QualityScores.clip(info, duration);
            Map<String, Object> params = new HashMap<>(clip.generationParams());
            params.put("quality", quality);
            StoredMedia put = media.putFile(clip.file(), "video/mp4");
            stored = new CachedMedia(put.url(), put.size(), params);
            cache.put(CacheKeys.videoClip(clipId), stored, CacheKeys.VIDEO_CLIP_TTL);
            Files.deleteIfExists(out);
        } else {
            Object q = stored.params().get("quality");
            quality = q == null ? null : new BigDecimal(q.toString());
        }
        CachedMedia saved = stored;
        List<Integer> keyframeIds = frames.stream().map(Keyframe::id).toList();
        database.useTransaction(s -> {
            VideoClipMapper clips = s.getMapper(VideoClipMapper.class);
            for (VideoClip old : clips.listByScene(scene.id())) {
                clips.deleteById(old.id());
            }
            clips.insert(new VideoClip(
                    null,
                    recordId,
                    scene.id(),
                    clipId,
                    saved.url(),
                    roundSeconds(scene.durationSeconds()),
                    saved.size(),
                    quality,
                    saved.params(),
                    keyframeIds,
                    characterIds,
                    null));
        });
        return true;
    }

    // ---------------------------------------------------------------- voiceover

    private Map<String, Object> voiceover(int recordId, Map<Integer, List<Line>> lines, PhaseRecorder.Run run)
            throws IOException {
        var unavailable = speech.unavailableReason();
        if (unavailable.isPresent()) {
            String warning = "No voiceover: " + unavailable.get()
                    + " The video carries its subtitles burned into the picture instead.";
            return Map.of("skipped_reason", warning, "warning", warning);
        }
        Project project = load(recordId);
        String language = project.record().detectedLanguage() == null
                ? "en"
                : project.record().detectedLanguage();
        List<Map<String, Object>> segments = new ArrayList<>();
        StringBuilder allText = new StringBuilder();
        for (Scene scene : project.scenes()) {
            allText.append(scene.id())
                    .append(':')
                    .append(SceneScripts.narration(lines.get(scene.id())))
                    .append('\n');
        }
        String textHash = sha256(allText.toString());
        Voiceover latest = project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElse(null);
        if (latest != null
                && textHash.equals(latest.voiceSettings().get("text_sha256"))
                && media.exists(latest.audioUrl())) {
            int fitted =
                    fitScenesToSpeech(project.scenes(), latest.voiceSettings().get("segments"));
            return Map.of("kept", latest.id(), "scenes_lengthened", fitted);
        }
        Path work = workDir(recordId, "voice");
        List<Wav> parts = new ArrayList<>();
        Map<String, Object> used = Map.of();
        List<Scene> scenes = project.scenes();
        for (int i = 0; i < scenes.size(); i++) {
            checkCancelled();
            Scene scene = scenes.get(i);
            String text = SceneScripts.narration(lines.get(scene.id()));
            Segment segment = sceneVoice(text, language, work);
            used = segment.settings();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scene_id", scene.id());
            entry.put("url", segment.url());
            entry.put("seconds", segment.seconds());
            segments.add(entry);
            Wav wav = segment.url() == null ? Wav.silence(0.1, 22050, 1) : Wav.read(download(segment.url(), work));
            // The full track follows the timeline: each scene's speech, then silence to the scene's end.
            double sceneSeconds = Math.max(
                    scene.durationSeconds().doubleValue(),
                    segment.url() == null ? 0 : wav.durationSeconds() + SPEECH_TAIL_SECONDS);
            parts.add(wav.conform(44100, 1).fitTo(sceneSeconds));
            run.progress((i + 1) * 90 / scenes.size(), Map.of("scenes_spoken", i + 1));
        }
        int fitted = fitScenesToSpeech(scenes, segments);
        Wav full = Wav.concat(parts, 0);
        Path fullFile = work.resolve("voiceover-" + textHash.substring(0, 12) + ".wav");
        full.write(fullFile);
        StoredMedia stored = media.putFile(fullFile, "audio/wav");
        Files.deleteIfExists(fullFile);
        Map<String, Object> voiceSettings = new LinkedHashMap<>(used);
        voiceSettings.put("text_sha256", textHash);
        voiceSettings.put("segments", segments);
        BigDecimal quality = QualityScores.voiceover(full);
        int id = database.inTransaction(s -> s.getMapper(VoiceoverMapper.class)
                .insert(new Voiceover(
                        null,
                        recordId,
                        stored.url(),
                        (int) Math.round(full.durationSeconds()),
                        stored.size(),
                        voiceSettings,
                        quality,
                        language,
                        null)));
        return Map.of(
                "voiceover_id",
                id,
                "seconds",
                full.durationSeconds(),
                "voice",
                String.valueOf(used.get("voice")),
                "scenes_lengthened",
                fitted);
    }

    /** Silence after speech before the cut, so the last word isn't clipped by the next scene. */
    static final double SPEECH_TAIL_SECONDS = 0.3;

    /**
     * Lengthens every scene whose narration is longer than the scene: the scene is fitted to its voiceover.
     * Returns how many scenes changed.
     */
    private int fitScenesToSpeech(List<Scene> scenes, Object segments) {
        Map<Integer, Double> speech = new HashMap<>();
        if (segments instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m
                        && m.get("scene_id") instanceof Number id
                        && m.get("seconds") instanceof Number sec) {
                    speech.put(id.intValue(), sec.doubleValue());
                }
            }
        }
        List<Scene> changed = new ArrayList<>();
        for (Scene scene : scenes) {
            double needed = speech.getOrDefault(scene.id(), 0.0) + SPEECH_TAIL_SECONDS;
            if (speech.containsKey(scene.id())
                    && needed > scene.durationSeconds().doubleValue()) {
                changed.add(new Scene(
                        scene.id(),
                        scene.inputRecordId(),
                        scene.sceneNumber(),
                        scene.position(),
                        scene.heading(),
                        scene.location(),
                        scene.timeOfDay(),
                        scene.text(),
                        BigDecimal.valueOf(needed).setScale(3, RoundingMode.CEILING),
                        null,
                        null));
            }
        }
        if (!changed.isEmpty()) {
            database.useTransaction(s -> changed.forEach(s.getMapper(SceneMapper.class)::update));
        }
        return changed.size();
    }

    private record Segment(String url, double seconds, Map<String, Object> settings) {}

    /** One scene's narration as a stored WAV, from the cache when the same text was spoken with the same voice. */
    private Segment sceneVoice(String text, String language, Path work) {
        if (text.isBlank()) {
            return new Segment(null, 0, Map.of());
        }
        String voiceKey = speech.name() + "|" + language;
        String key = CacheKeys.voiceover(sha256(text), sha256(voiceKey).substring(0, 16));
        CachedMedia cached = cache.get(key, CachedMedia.class)
                .filter(c -> media.exists(c.url()))
                .orElse(null);
        if (cached != null) {
            return new Segment(
                    cached.url(), ((Number) cached.params().getOrDefault("seconds", 0)).doubleValue(), cached.params());
        }
        Path out = work.resolve("scene-" + sha256(text).substring(0, 12) + ".wav");
        SpeechResult spoken = speech.speak(new SpeechRequest(text, language, null, 160, 50, out), (f, m) -> {});
        StoredMedia stored = media.putFile(spoken.wav(), "audio/wav");
        Map<String, Object> params = new LinkedHashMap<>(spoken.voiceSettings());
        params.put("seconds", spoken.durationSeconds());
        cache.put(key, new CachedMedia(stored.url(), stored.size(), params), CacheKeys.VOICEOVER_TTL);
        cache.put(CacheKeys.voiceoverLanguage(language), spoken.voiceSettings(), CacheKeys.VOICEOVER_TTL);
        try {
            Files.deleteIfExists(spoken.wav());
        } catch (IOException ignored) {
            // a leftover in the work folder is harmless
        }
        return new Segment(stored.url(), spoken.durationSeconds(), params);
    }

    // ---------------------------------------------------------------- composition

    private Result composition(
            int recordId,
            Map<Integer, List<Line>> lines,
            PhaseRecorder.Run run,
            Map<String, Long> millis,
            List<String> warnings)
            throws IOException {
        Project project = load(recordId);
        Map<Integer, VideoClip> clipByScene =
                project.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c, (a, b) -> b));
        Voiceover voiceover = project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElse(null);
        Map<Integer, String> segmentUrls = new HashMap<>();
        if (voiceover != null && voiceover.voiceSettings().get("segments") instanceof List<?> segs) {
            for (Object o : segs) {
                if (o instanceof Map<?, ?> m && m.get("url") != null) {
                    segmentUrls.put(((Number) m.get("scene_id")).intValue(), (String) m.get("url"));
                }
            }
        }
        Path work = workDir(recordId, "compose");
        List<FinalComposer.SceneInput> inputs = new ArrayList<>();
        List<Integer> clipIds = new ArrayList<>();
        for (Scene scene : project.scenes()) {
            VideoClip clip = clipByScene.get(scene.id());
            if (clip == null) {
                throw new StudioException("Scene " + scene.sceneNumber() + " has no clip; retry the render.");
            }
            clipIds.add(clip.id());
            Path voice = segmentUrls.containsKey(scene.id()) ? download(segmentUrls.get(scene.id()), work) : null;
            double voiceSeconds = voice == null ? 0 : Wav.read(voice).durationSeconds();
            double span = Math.max(scene.durationSeconds().doubleValue(), voiceSeconds);
            inputs.add(new FinalComposer.SceneInput(
                    download(clip.videoUrl(), work),
                    voice,
                    SceneScripts.cues(lines.get(scene.id()), voiceSeconds > 0 ? voiceSeconds : span)));
        }
        Path out = work.resolve("final-" + recordId + ".mp4");
        FinalComposer composer =
                new FinalComposer(settings.width(), settings.height(), settings.fps(), settings.encoderThreads());
        boolean burnSubtitles = segmentUrls.isEmpty();
        if (burnSubtitles) {
            // no voiceover (no speech engine, or it is disabled): the words reach the viewer as burned-in subtitles
            composer = composer.withBurnedSubtitles(new BurnedSubtitles());
        }
        FinalComposer.Result result = composer.compose(inputs, out, f -> run.progress((int) (f * 95), null));
        StoredMedia video = media.putFile(result.video(), "video/mp4");
        StoredMedia srt = media.putFile(result.srt(), "application/x-subrip");
        List<String> thumbnailUrls = new ArrayList<>();
        for (Path t : result.thumbnails()) {
            thumbnailUrls.add(media.putFile(t, "image/png").url());
        }
        List<Map<String, Object>> editList = new ArrayList<>();
        for (FinalComposer.EditEntry e : result.editList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", e.index());
            m.put("scene_id", project.scenes().get(e.index()).id());
            m.put("clip_id", clipIds.get(e.index()));
            m.put(
                    "clip_url",
                    clipByScene.get(project.scenes().get(e.index()).id()).videoUrl());
            m.put("in_seconds", e.inSeconds());
            m.put("out_seconds", e.outSeconds());
            m.put("in_frame", e.inFrame());
            m.put("out_frame", e.outFrame());
            m.put("timeline_start", e.timelineStart());
            m.put("timeline_end", e.timelineEnd());
            m.put("held_seconds", e.heldSeconds());
            m.put("voiceover_seconds", e.voiceoverSeconds());
            editList.add(m);
        }
        Map<String, Object> composition = new LinkedHashMap<>();
        composition.put("width", settings.width());
        composition.put("height", settings.height());
        composition.put("fps", settings.fps());
        composition.put("video_codec", result.info().videoCodec());
        composition.put("audio_codec", result.info().audioCodec());
        composition.put("srt_url", srt.url());
        composition.put("burned_subtitles", burnSubtitles);
        composition.put("copied_scenes", result.copiedScenes());
        composition.put("edit_list", editList);
        composition.put("encode_millis", result.encodeMillis());
        composition.put("join_millis", result.joinMillis());
        composition.put("warnings", warnings);
        double duration = result.info().durationSeconds();
        BigDecimal quality = QualityScores.clip(
                result.info(),
                result.editList().isEmpty()
                        ? duration
                        : result.editList().get(result.editList().size() - 1).timelineEnd());
        int finalId = database.inTransaction(s -> s.getMapper(FinalVideoMapper.class)
                .insert(new FinalVideo(
                        null,
                        recordId,
                        video.url(),
                        (int) Math.round(duration),
                        video.size(),
                        quality,
                        thumbnailUrls,
                        composition,
                        clipIds,
                        voiceover == null ? null : voiceover.id(),
                        null,
                        null)));
        return new Result(
                recordId,
                finalId,
                video.url(),
                result.video(),
                result.srt(),
                result.thumbnails(),
                duration,
                millis,
                warnings);
    }

    // ---------------------------------------------------------------- helpers

    private Project load(int recordId) {
        return new ProjectRepository(database)
                .load(recordId)
                .orElseThrow(() -> new StudioException("There is no project " + recordId + "."));
    }

    private CachedMedia cachedImage(
            String key, java.time.Duration ttl, java.util.function.Supplier<GeneratedImage> make) {
        CachedMedia hit = cache.get(key, CachedMedia.class)
                .filter(c -> media.exists(c.url()))
                .orElse(null);
        if (hit != null) {
            return hit;
        }
        GeneratedImage image = make.get();
        String extension = image.contentType().contains("jpeg") ? "jpg" : "png";
        StoredMedia stored = media.put(new ByteArrayInputStream(image.bytes()), image.contentType(), extension);
        CachedMedia made = new CachedMedia(stored.url(), stored.size(), image.generationParams());
        cache.put(key, made, ttl);
        return made;
    }

    private byte[] readAll(String url) {
        try (InputStream in = media.open(url)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StudioException("Could not read " + url + " from the media store: " + e.getMessage(), e);
        }
    }

    /** A local copy of stored media in the work folder (named by the URL's hash, so reused within a run). */
    private Path download(String url, Path dir) throws IOException {
        String name = sha256(url).substring(0, 20) + extensionOf(url);
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, "dl", ".part");
        try (InputStream in = media.open(url)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String extensionOf(String url) {
        int slash = url.lastIndexOf('/');
        int dot = url.lastIndexOf('.');
        return dot > slash && url.length() - dot <= 6 ? url.substring(dot) : "";
    }

    private Path workDir(int recordId, String part) throws IOException {
        Path dir = settings.workDir().resolve("project-" + recordId).resolve(part);
        Files.createDirectories(dir);
        return dir;
    }

    private static int roundSeconds(BigDecimal seconds) {
        return Math.max(1, seconds.setScale(0, RoundingMode.HALF_UP).intValue());
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Cancelled");
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String sha256(String... parts) {
        return HexFormat.of().formatHex(digest(String.join("\u0000", parts)));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
