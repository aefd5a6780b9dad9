package ai.cinboard.pipeline;

import ai.cinboard.cache.Cache;
import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.StoredThumbnails;
import ai.cinboard.persistence.RenderRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a render's phases share: the project, its lines, the engines, the plan of what is stale (computed
 * once, at the start), where files and rows go, and what the run has made so far.
 */
final class RenderContext {
    private static final Logger LOG = LoggerFactory.getLogger(RenderContext.class);
    final int projectId;
    final RenderSettings settings;
    final ImageEngine images;
    final VideoEngine video;
    final SpeechEngine speech;
    final Fingerprints fingerprints;
    final Map<Integer, List<Line>> lines;
    final RenderRepository repository;
    final Staleness plan;
    /** The project's final-mix settings: loudness target and music bed. */
    final ai.cinboard.domain.MixSettings mix;
    /** The project's chosen subtitle style, null for none (classic, burned in only without a voiceover). */
    final ai.cinboard.domain.SubtitleStyle subtitles;

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final AtomicInteger charactersMade = new AtomicInteger();
    final AtomicInteger keyframesMade = new AtomicInteger();
    final AtomicInteger voiceoversMade = new AtomicInteger();
    final AtomicInteger clipsMade = new AtomicInteger();
    final AtomicInteger compositionsMade = new AtomicInteger();
    private final MediaStores media;
    private final SceneScripts scripts;
    private final Cache cache;
    private volatile Project project;
    /** Scenes the voiceover phase lengthened to fit their speech: their clips are made at the new length. */
    final java.util.Set<Integer> lengthenedScenes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RenderContext(
            int projectId,
            Project project,
            RenderSettings settings,
            ImageEngine images,
            VideoEngine video,
            SpeechEngine speech,
            Fingerprints fingerprints,
            Map<Integer, List<Line>> lines,
            RenderRepository repository,
            Staleness plan,
            MediaStores media,
            Cache cache,
            SceneScripts scripts,
            ai.cinboard.domain.MixSettings mix,
            ai.cinboard.domain.SubtitleStyle subtitles) {
        this.scripts = scripts;
        this.mix = mix;
        this.subtitles = subtitles;
        this.projectId = projectId;
        this.project = project;
        this.settings = settings;
        this.images = images;
        this.video = video;
        this.speech = speech;
        this.fingerprints = fingerprints;
        this.lines = lines;
        this.repository = repository;
        this.plan = plan;
        this.media = media;
        this.cache = cache;
    }

    /** The project as last read; phases call {@link #reload} after they wrote. */
    Project project() {
        return project;
    }

    Project reload() {
        project = repository.load(projectId);
        return project;
    }

    /** The prompt for image models: the description in the prompt language when a translator is set. */
    String prompt(String description, String language) {
        return scripts.prompt(description, language);
    }

    Cache cache() {
        return cache;
    }

    MediaStores media() {
        return media;
    }

    /** A generated file as the cache remembers it: where it is stored, and how it was made. */
    record CachedMedia(String url, long size, Map<String, Object> params) {}

    /** An image from the cache under {@code key}, or made by {@code make} (counted in {@code made}) and cached. */
    CachedMedia cachedImage(String key, Duration ttl, Supplier<GeneratedImage> make, AtomicInteger engineCalls) {
        CachedMedia hit = cache.get(key, CachedMedia.class)
                .filter(c -> media.exists(c.url()))
                .orElse(null);
        if (hit != null) {
            CachedMedia withThumbnail = withThumbnail(hit, null);
            if (withThumbnail != hit) {
                cache.put(key, withThumbnail, ttl);
            }
            return withThumbnail;
        }
        GeneratedImage image = make.get();
        engineCalls.incrementAndGet();
        String extension = image.contentType().contains("jpeg") ? "jpg" : "png";
        StoredMedia stored = media.put(new ByteArrayInputStream(image.bytes()), image.contentType(), extension);
        CachedMedia made =
                withThumbnail(new CachedMedia(stored.url(), stored.size(), image.generationParams()), image.bytes());
        cache.put(key, made, ttl);
        return made;
    }

    /**
     * The image with its storyboard-size thumbnail stored beside it and named in its parameters
     * ({@link KeyframeImage#THUMBNAIL_PARAM}); made from {@code bytes}, or from the stored image when null. An image
     * that can't be scaled keeps no thumbnail: the storyboard then scales the full image, and says so if it fails.
     */
    private CachedMedia withThumbnail(CachedMedia m, byte[] bytes) {
        Object known = m.params() == null ? null : m.params().get(KeyframeImage.THUMBNAIL_PARAM);
        if (known instanceof String url && media.exists(url)) {
            return m;
        }
        try {
            byte[] png = StoredThumbnails.png(
                    bytes != null ? bytes : readAll(m.url()),
                    KeyframeImage.THUMBNAIL_WIDTH,
                    KeyframeImage.THUMBNAIL_HEIGHT);
            String url =
                    media.put(new ByteArrayInputStream(png), "image/png", "png").url();
            Map<String, Object> params = new HashMap<>(m.params() == null ? Map.of() : m.params());
            params.put(KeyframeImage.THUMBNAIL_PARAM, url);
            return new CachedMedia(m.url(), m.size(), params);
        } catch (StudioException e) {
            LOG.warn("No thumbnail for {}: {}", m.url(), e.getMessage());
            return m;
        }
    }

    byte[] readAll(String url) {
        try (InputStream in = media.open(url)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StudioException("Could not read " + url + " from the media store: " + e.getMessage(), e);
        }
    }

    /** A local copy of stored media in the work folder (named by the URL's hash, so reused within a run). */
    Path download(String url, Path dir) throws IOException {
        String name = Fingerprints.sha256(url).substring(0, 20) + extensionOf(url);
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
        String ext = FileNames.extension(url);
        return ext.isEmpty() ? "" : "." + FileNames.safeExtension(ext);
    }

    Path workDir(String part) throws IOException {
        Path dir = settings.workDir().resolve("project-" + projectId).resolve(part);
        Files.createDirectories(dir);
        return dir;
    }

    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Cancelled");
        }
    }

    /**
     * The result of work a phase runs on threads of its own (clips, a character's sheet): an interrupt while waiting
     * is the render's cancel, and the work's failure is the phase's, as if it had run on the phase's thread.
     */
    static <T> T resultOf(Future<T> work, String what) throws IOException {
        try {
            return work.get();
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
            throw new StudioException(what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
