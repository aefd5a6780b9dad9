package ai.cinboard.app;

import ai.cinboard.app.health.StudioSystemStatus;
import ai.cinboard.cache.Cache;
import ai.cinboard.cache.Caches;
import ai.cinboard.cache.InProcessCache;
import ai.cinboard.cache.RedisCache;
import ai.cinboard.cache.RedisSettings;
import ai.cinboard.cache.StatusBoard;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.User;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.TextEngine;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.generation.a1111.A1111ImageEngine;
import ai.cinboard.generation.a1111.A1111Settings;
import ai.cinboard.generation.comfyui.ComfyUiClient;
import ai.cinboard.generation.comfyui.ComfyUiImageEngine;
import ai.cinboard.generation.comfyui.ComfyUiSettings;
import ai.cinboard.generation.comfyui.ComfyUiVideoEngine;
import ai.cinboard.generation.comfyui.WorkflowTemplates;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalImageEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import ai.cinboard.generation.openai.OpenAiClient;
import ai.cinboard.generation.openai.OpenAiImageEngine;
import ai.cinboard.generation.openai.OpenAiSettings;
import ai.cinboard.generation.openai.OpenAiSpeechEngine;
import ai.cinboard.generation.openai.OpenAiTextEngine;
import ai.cinboard.media.LocalMediaStore;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.PreviewCache;
import ai.cinboard.media.S3MediaStore;
import ai.cinboard.media.S3Settings;
import ai.cinboard.media.UrlGuard;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.RenderUnitMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.IntakePipeline;
import ai.cinboard.pipeline.LocalRenders;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.ProjectIteration;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderQueue;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.pipeline.RenderWatch;
import ai.cinboard.pipeline.SceneScripts;
import ai.cinboard.pipeline.StatusBoardPublisher;
import ai.cinboard.pipeline.StudioProjectService;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.service.account.Session;
import ai.cinboard.service.export.Exporters;
import ai.cinboard.service.export.FinalVideoDelivery;
import ai.cinboard.service.export.Mp4Exporter;
import ai.cinboard.service.export.ProjectExports;
import ai.cinboard.service.preview.MediaPreviews;
import ai.cinboard.text.InputValidator;
import ai.cinboard.text.LanguageDetector;
import ai.cinboard.text.StoryDecoder;
import ai.cinboard.text.breakdown.LlmSceneBreakdown;
import ai.cinboard.text.breakdown.SceneBreakdown;
import ai.cinboard.text.breakdown.StoryBreakdown;
import ai.cinboard.text.policy.ChatModerationChecker;
import ai.cinboard.text.policy.ContentPolicy;
import ai.cinboard.text.policy.ContentPolicyChecker;
import ai.cinboard.text.policy.OpenAiModerationChecker;
import ai.cinboard.text.translate.LibreTranslateTranslator;
import ai.cinboard.text.translate.TranslationSettings;
import ai.cinboard.text.translate.Translator;
import ai.cinboard.ui.StudioServices;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from the configuration, in dependency order, and closes them
 * in reverse. The only place that constructs infrastructure (database, cache, media stores, engines).
 */
public final class Studio implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);

    private final StudioConfig config;
    private final Database database;
    private final Cache cache;
    private final MediaStores media;
    private final int localUserId;
    private final int recoveredPhases;
    private final List<AutoCloseable> closeables;
    private final InputValidator validator;
    private final SceneBreakdown breakdown;
    private final Translator translator;
    private final String translateTo;
    private final ImageEngine imageEngine;
    private final VideoEngine videoEngine;
    private final SpeechEngine speechEngine;
    private final StatusBoard statusBoard;

    private Studio(
            StudioConfig config,
            Database database,
            Cache cache,
            MediaStores media,
            int localUserId,
            int recoveredPhases,
            List<AutoCloseable> closeables) {
        this.config = config;
        this.database = database;
        this.cache = cache;
        this.media = media;
        this.localUserId = localUserId;
        this.recoveredPhases = recoveredPhases;
        this.closeables = closeables;
        this.validator = new InputValidator(config.value(SettingsRegistry.MAX_INPUT_CHARS));
        this.breakdown = new SceneBreakdown();
        TranslationSettings translation = TranslationSettings.from(translationSettings(config));
        this.translateTo = translation.translateTo();
        this.translator = translation.build(this::textEngine, cache);
        this.imageEngine = imageEngine(config.value(SettingsRegistry.IMAGE_ENGINE));
        this.videoEngine = videoEngine(config.value(SettingsRegistry.VIDEO_ENGINE));
        this.speechEngine = speechEngine(config.value(SettingsRegistry.SPEECH_ENGINE));
        this.contentPolicy = contentPolicy(config.value(SettingsRegistry.POLICY_ENGINE));
        this.statusBoard = Caches.statusBoard(cache);
        closeables.add(statusBoard);
    }

    /**
     * CINBOARD_TEXT_ENGINE=openai puts the chat model to work where the studio uses one: translation, unless
     * CINBOARD_TRANSLATION_ENGINE names another translator. Only local and openai offer text.
     */
    private static Map<String, String> translationSettings(StudioConfig config) {
        String text = config.value(SettingsRegistry.TEXT_ENGINE);
        Map<String, String> settings = new HashMap<>(config.asMap());
        settings.put(TranslationSettings.ENGINE, config.value(SettingsRegistry.TRANSLATION_ENGINE));
        if (text.equals("openai") && !config.isSet(SettingsRegistry.TRANSLATION_ENGINE)) {
            settings.put(TranslationSettings.ENGINE, "openai");
        }
        if ("libretranslate".equalsIgnoreCase(settings.get(TranslationSettings.ENGINE))) {
            // A key kept in the secret store is not in the plain settings map.
            config.get(LibreTranslateTranslator.API_KEY_SETTING)
                    .ifPresent(k -> settings.put(LibreTranslateTranslator.API_KEY_SETTING, k));
        }
        return settings;
    }

    /** Live pipeline progress under the spec's status keys; shared with other studios through Redis. */
    public StatusBoard statusBoard() {
        return statusBoard;
    }

    private OpenAiClient openAi;

    /** One client per server, shared by the text, image and speech engines so they share its concurrency limit. */
    private synchronized OpenAiClient openAi() {
        if (openAi == null) {
            URI base = config.find(SettingsRegistry.OPENAI_BASE_URL)
                    .orElseThrow(() -> new StudioException("An engine is set to openai but "
                            + OpenAiSettings.BASE_URL_SETTING + " is not set. Set it to the"
                            + " server's API root, e.g. http://127.0.0.1:11434/v1"));
            OpenAiSettings defaults = OpenAiSettings.of(base, config.get(OpenAiSettings.API_KEY_SETTING, ""));
            defaults = defaults.withHttp(config.remoteHttp("OPENAI", defaults.http()));
            openAi = new OpenAiClient(defaults.withModels(
                    config.value(SettingsRegistry.OPENAI_CHAT_MODEL),
                    config.value(SettingsRegistry.OPENAI_IMAGE_MODEL),
                    config.value(SettingsRegistry.OPENAI_SPEECH_MODEL),
                    config.value(SettingsRegistry.OPENAI_VOICE)));
        }
        return openAi;
    }

    private ComfyUiClient comfyUi;

    /** One client per ComfyUI server, shared by the image and video engines: the GPU runs one workflow at a time. */
    private synchronized ComfyUiClient comfyUi() {
        if (comfyUi == null) {
            ComfyUiSettings s = ComfyUiSettings.of(
                    config.find(SettingsRegistry.COMFYUI_URL).orElseThrow(() -> missing(ComfyUiSettings.URL_SETTING)),
                    comfyTemplateDirs());
            // For ComfyUI the timeout bounds a whole workflow, from queueing to its outputs.
            var http = config.remoteHttp("COMFYUI", s.http().withRequestTimeout(s.jobTimeout()));
            comfyUi = new ComfyUiClient(s.withTiming(
                    s.http().withMaxConcurrency(http.maxConcurrency()), http.requestTimeout(), s.pollInterval()));
        }
        return comfyUi;
    }

    private List<java.nio.file.Path> comfyTemplateDirs() {
        List<java.nio.file.Path> dirs = new ArrayList<>(List.of(config.home().resolve("comfyui")));
        java.nio.file.Path shipped = java.nio.file.Path.of("assets", "comfyui");
        if (java.nio.file.Files.isDirectory(shipped)) {
            dirs.add(shipped);
        }
        return dirs;
    }

    private ImageEngine imageEngine(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> new LocalImageEngine();
            case "openai" -> new OpenAiImageEngine(openAi());
            case "comfyui" -> new ComfyUiImageEngine(comfyUi(), new WorkflowTemplates(comfyTemplateDirs()));
            case "a1111" -> {
                A1111Settings s = A1111Settings.of(
                        config.find(SettingsRegistry.A1111_URL).orElseThrow(() -> missing(A1111Settings.URL_SETTING)));
                yield new A1111ImageEngine(s.withTiming(config.remoteHttp("A1111", s.http()), s.progressInterval()));
            }
            default -> throw notInRegistry(name);
        };
    }

    private VideoEngine videoEngine(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> new LocalVideoEngine();
            case "comfyui" -> new ComfyUiVideoEngine(comfyUi(), new WorkflowTemplates(comfyTemplateDirs()));
            default -> throw notInRegistry(name);
        };
    }

    private SpeechEngine speechEngine(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> new EspeakSpeechEngine();
            case "openai" -> new OpenAiSpeechEngine(openAi());
            case "none" -> SpeechEngine.none();
            default -> throw notInRegistry(name);
        };
    }

    private static StudioException missing(String setting) {
        return new StudioException(setting + " is not set. Set it to the server's address, e.g. http://127.0.0.1:8188");
    }

    /** The registry's validator has checked every engine value; one it allows but this switch lacks is a bug. */
    private static IllegalStateException notInRegistry(String value) {
        return new IllegalStateException(
                "The registry allows the engine \"" + value + "\" but the studio can't build it");
    }

    /**
     * Checks every setting the environment and the file give (one line naming the first bad one), then opens the
     * database first (migrating it), then the cache and media store.
     */
    public static Studio open(StudioConfig config) {
        config.requireValid();
        return openUnchecked(config);
    }

    /**
     * {@link #open} without the settings check, for {@code doctor}: it reports every bad setting itself and still
     * wants to know which parts open. A part that fails comes as a {@link PartException} naming it.
     */
    public static Studio openUnchecked(StudioConfig config) {
        List<AutoCloseable> closeables = new ArrayList<>();
        Database database = part("database", () -> Database.open(config.database()));
        closeables.add(database);
        try {
            int[] recoveredAndUser = part("database", () -> {
                // Only a studio that owns its database can know that "running" phases are orphans; on a shared
                // server another studio may be running them right now.
                int recovered = database.isEmbedded() ? recoverInterrupted(database, config) : 0;
                int userId = localUser(database);
                if (!database.isEmbedded()) {
                    database.actAs(userId); // row-level security on a shared server; the embedded owner bypasses it
                }
                return new int[] {recovered, userId};
            });
            Cache cache = part("cache", () -> openCache(config, closeables));
            MediaStores media = part("media", () -> openMedia(config, closeables));
            return part(
                    "settings",
                    () -> new Studio(
                            config, database, cache, media, recoveredAndUser[1], recoveredAndUser[0], closeables));
        } catch (RuntimeException e) {
            closeInReverse(closeables, (what, closing) -> e.addSuppressed(closing));
            throw e;
        }
    }

    /** Closes what was opened, last first; a failure to close goes to {@code failed} and the rest still close. */
    public static void closeInReverse(
            List<AutoCloseable> closeables, java.util.function.BiConsumer<AutoCloseable, Exception> failed) {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                failed.accept(closeables.get(i), e);
            }
        }
    }

    /** A part of the studio that could not open: the database, the cache, the media store or the engines' settings. */
    public static final class PartException extends StudioException {
        private static final long serialVersionUID = 1L;
        private final String part;

        PartException(String part, StudioException cause) {
            super(cause.getMessage(), cause);
            this.part = part;
        }

        /** database, cache, media or settings: the name of doctor's check it fails. */
        public String part() {
            return part;
        }
    }

    private static <T> T part(String name, java.util.function.Supplier<T> open) {
        try {
            return open.get();
        } catch (PartException e) {
            throw e;
        } catch (StudioException e) {
            throw new PartException(name, e);
        }
    }

    private static int recoverInterrupted(Database database, StudioConfig config) {
        return database.inTransaction(s -> {
            int phases = s.getMapper(ProcessingStatusMapper.class).markRunningAsInterrupted();
            s.getMapper(InputRecordMapper.class).markProcessingAsInterrupted();
            s.getMapper(RenderUnitMapper.class).releasePicked(RenderQueue.studioTask(engineName(config)));
            if (phases > 0) {
                LOG.warn(
                        "{} phase(s) were left running by a studio that stopped; marked interrupted, ready to resume",
                        phases);
            }
            return phases;
        });
    }

    /** Single-user mode: one local profile, created on first start, with no password (a locked hash). */
    private static int localUser(Database database) {
        String name = System.getProperty("user.name", "creator");
        String email = name.replaceAll("[^A-Za-z0-9._-]", "_") + "@localhost";
        return database.inTransaction(s -> {
            UserMapper users = s.getMapper(UserMapper.class);
            User existing = users.findByEmail(email);
            if (existing != null) {
                return existing.id();
            }
            return users.insert(new User(null, email, "!", name, "(local profile)", true, true, null, null));
        });
    }

    /** The configured cache on its own (doctor checks it apart); whatever must be closed is added to closeables. */
    public static Cache openCache(StudioConfig config, List<AutoCloseable> closeables) {
        return config.find(SettingsRegistry.REDIS_URL)
                .<Cache>map(url -> {
                    RedisCache redis = new RedisCache(new RedisSettings(url.toString()));
                    closeables.add(redis);
                    return redis;
                })
                .orElseGet(InProcessCache::new);
    }

    /**
     * The configured media stores on their own (backup and restore, which don't open a whole studio); whatever must
     * be closed afterwards is added to {@code closeables}.
     */
    public static MediaStores openMedia(StudioConfig config, List<AutoCloseable> closeables) {
        LocalMediaStore local = new LocalMediaStore(config.home().resolve("media"));
        if (!config.isSet(SettingsRegistry.S3_BUCKET)) {
            return new MediaStores(local);
        }
        S3MediaStore s3 = new S3MediaStore(S3Settings.of(
                config.value(SettingsRegistry.S3_BUCKET),
                config.value(SettingsRegistry.S3_PREFIX),
                config.value(SettingsRegistry.S3_REGION),
                config.find(SettingsRegistry.S3_ENDPOINT).orElse(null),
                config.value(SettingsRegistry.S3_PATH_STYLE),
                config.find(SettingsRegistry.AWS_ACCESS_KEY_ID).orElse(null),
                config.find(SettingsRegistry.AWS_SECRET_ACCESS_KEY).orElse(null)));
        closeables.add(s3);
        s3.checkBucket();
        // Media made before the switch to S3 stays readable from local disk.
        return new MediaStores(s3, local);
    }

    /** CINBOARD_TEXT_ENGINE=openai: the chat model splits prose into scenes (falling back to the rules). */
    private StoryBreakdown storyBreakdown() {
        return config.value(SettingsRegistry.TEXT_ENGINE).equals("openai")
                ? new LlmSceneBreakdown(textEngine(), breakdown)
                : breakdown;
    }

    private TextEngine textEngine() {
        return new OpenAiTextEngine(openAi());
    }

    /** Which content check runs besides the built-in rules: none, the server's moderation endpoint, or the chat model. */
    public static final String POLICY_ENGINE = SettingsRegistry.POLICY_ENGINE.name();

    private final ContentPolicy contentPolicy;

    /**
     * The built-in rules always apply; {@code moderation} adds the OpenAI-compatible server's /moderations and
     * {@code chat} the chat model's scores (for servers without that endpoint). The stricter verdict wins.
     */
    private ContentPolicy contentPolicy(String name) {
        ContentPolicyChecker rules = new ContentPolicyChecker();
        ContentPolicy remote = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> null;
            case "moderation" ->
                new OpenAiModerationChecker(
                        config.get(OpenAiSettings.BASE_URL_SETTING).orElse(null),
                        config.get(OpenAiSettings.API_KEY_SETTING).orElse(null),
                        config.value(SettingsRegistry.OPENAI_MODERATION_MODEL),
                        Duration.ofSeconds(config.value(SettingsRegistry.OPENAI_TIMEOUT_SECONDS)));
            case "chat" -> new ChatModerationChecker(textEngine());
            default -> throw notInRegistry(name);
        };
        return remote == null
                ? rules
                : (text, language) -> rules.check(text, language).merge(remote.check(text, language));
    }

    /** Everything the studio window needs, on this studio's database, media and engines. */
    public StudioServices services(GenerationJobs jobs) {
        return services(jobs, localUserId, exports(), archives(localUserId));
    }

    /**
     * {@link #services(GenerationJobs)} for a team member who signed in: their projects, their row-level
     * security, and exports only if their email is verified.
     */
    public StudioServices services(GenerationJobs jobs, Session session) {
        return services(jobs, session.userId(), exports(session), archives(session));
    }

    private StudioServices services(
            GenerationJobs jobs,
            int userId,
            ExportService exports,
            ai.cinboard.service.ProjectArchiveService archives) {
        if (!database.isEmbedded()) {
            database.actAs(userId);
        }
        PreviewCache previews = new PreviewCache(
                config.home().resolve("preview-cache"),
                (long) config.value(SettingsRegistry.PREVIEW_CACHE_MB) * 1024 * 1024,
                media,
                new UrlGuard(
                        config.find(SettingsRegistry.S3_ENDPOINT).map(List::of).orElse(List.of())));
        return new StudioServices(
                new StudioProjectService(database, media, intake(), jobs, userId),
                jobs,
                new MediaPreviews(previews),
                new ConfigFileSettings(config, changed -> new AuditLog(database).settingsChange(userId, changed)),
                exports,
                new StudioSystemStatus(this),
                archives);
    }

    /**
     * The export path of the dialog and the {@code export} command for the local profile (single-user mode:
     * the machine's owner, who may always export); every completed export is audited. Editors get media as
     * URLs they can open: file:// for local media, a presigned URL for S3.
     */
    public ExportService exports() {
        return exports(() -> {});
    }

    /** {@link #exports()} for a member who signed in: refused unless the account's email is verified. */
    public ExportService exports(Session session) {
        AccountService accounts = new AccountService(database, cache);
        return exports(() -> accounts.requireVerified(session));
    }

    private ExportService exports(Runnable permission) {
        return new ProjectExports(
                database,
                media::open,
                exporters(),
                new FinalVideoDelivery(database, media::open),
                new AuditLog(database),
                permission);
    }

    /**
     * Project archives ({@code .cinboard}) of {@code userId}'s projects, with this studio's media, for the local
     * profile (single-user mode: the machine's owner, who may always export).
     */
    public ai.cinboard.service.ProjectArchiveService archives(int userId) {
        return new ai.cinboard.service.archive.ProjectArchives(database, media, userId, () -> {});
    }

    /**
     * {@link #archives(int)} for a member who signed in: exporting an archive takes work out of the studio like
     * any export, so it is refused unless the account's email is verified (importing is not).
     */
    public ai.cinboard.service.ProjectArchiveService archives(Session session) {
        AccountService accounts = new AccountService(database, cache);
        return new ai.cinboard.service.archive.ProjectArchives(
                database, media, session.userId(), () -> accounts.requireVerified(session));
    }

    /** Every export format, MP4 included: it re-encodes the final video and records delivery in this database. */
    public Exporters exporters() {
        return Exporters.standard().with(new Mp4Exporter(new FinalVideoDelivery(database, media::open)));
    }

    /**
     * The background executor for renders and regenerations; close it before the studio. It also follows renders
     * running in other processes (see {@link #renderWatch()}).
     */
    public GenerationJobs jobs() {
        return new GenerationJobs(
                database,
                () -> render(defaultRenderSettings()),
                config.value(SettingsRegistry.GENERATION_THREADS),
                renderWatch(),
                true,
                teamMode() ? renderQueue() : null,
                localRenders(defaultRenderSettings()));
    }

    /**
     * This studio's renders with {@code settings} through the job engine, on a worker in this process (see {@link
     * LocalRenders}): as many units at once as the settings encode clips at once, so scenes render side by side
     * as a single render's clips always did. Close it when done.
     */
    public LocalRenders localRenders(RenderSettings settings) {
        return new LocalRenders(database, render(settings), engineName(config), settings.encoderThreads());
    }

    /**
     * This studio's name in the job engine: its machine and home, so the window and a command-line render on one
     * home share their units, and no other machine ever takes them (its media may be on this disk).
     */
    private static String engineName(StudioConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return "studio-"
                + ai.cinboard.domain.Sha256.hexOf(host + "\n" + config.home().toAbsolutePath())
                        .substring(0, 12);
    }

    /** Renders what is stale in the project on this machine, with {@code settings}: the path of every render. */
    public RenderPipeline.Result renderHere(RenderSettings settings, int projectId, PhaseListener progress) {
        try (LocalRenders local = localRenders(settings)) {
            return local.renderToResult(projectId, progress);
        }
    }

    /** A shared database and S3 store: what render workers need, so renders can be queued for them. */
    private boolean teamMode() {
        return !database.isEmbedded() && config.isSet(SettingsRegistry.S3_BUCKET);
    }

    /**
     * Renders seen from anywhere: live from the status topic with Redis, otherwise by polling processing_statuses
     * every CINBOARD_STATUS_POLL_MS.
     */
    public RenderWatch renderWatch() {
        return new RenderWatch(
                database, statusBoard, java.time.Duration.ofMillis(config.value(SettingsRegistry.STATUS_POLL_MS)));
    }

    public IntakePipeline intake() {
        return new IntakePipeline(
                database,
                new StoryDecoder(),
                validator,
                new LanguageDetector(),
                translator,
                translateTo,
                contentPolicy,
                storyBreakdown(),
                new StatusBoardPublisher(statusBoard));
    }

    public RenderPipeline render(RenderSettings settings) {
        return new RenderPipeline(
                database,
                media,
                cache,
                imageEngine,
                videoEngine,
                speechEngine,
                new SceneScripts(validator, breakdown, translator, translateTo),
                settings,
                new StatusBoardPublisher(statusBoard));
    }

    /** Renders as units on the job engine over this studio's database: what it queues and what its workers run. */
    public RenderQueue renderQueue() {
        return new RenderQueue(database, render(defaultRenderSettings()));
    }

    /** Whether keyframes are drawn from their characters' sheets, so a character's new take changes them. */
    public boolean keyframesDrawFromSheets() {
        return imageEngine.drawsFromReferences();
    }

    /** The image engine's identity (kind and model), as fingerprints record it: what a worker renders with. */
    public String imageEngineIdentity() {
        return imageEngine.identity();
    }

    /** Takes, staleness and the project as the studio sees it, for the default render settings. */
    public ProjectIteration iteration() {
        return new ProjectIteration(database, render(defaultRenderSettings()));
    }

    /** The window's project edits, for the command line: the same service, the same transactions. */
    public StudioProjectService projectEdits(int userId) {
        return new StudioProjectService(database, media, intake(), null, userId);
    }

    /**
     * The studio's render size and frame rate: CINBOARD_RENDER_RESOLUTION (WxH, default 1280x720) and
     * CINBOARD_RENDER_FPS (default 24). They are part of every fingerprint, so changing them makes the
     * project's images and clips stale.
     */
    public RenderSettings defaultRenderSettings() {
        RenderSettings d = RenderSettings.defaults(config.home().resolve("work"));
        int[] size = config.value(SettingsRegistry.RENDER_RESOLUTION);
        return new RenderSettings(
                size[0],
                size[1],
                config.value(SettingsRegistry.RENDER_FPS),
                d.keyframesPerScene(),
                d.workDir(),
                d.encoderThreads());
    }

    public StudioConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Cache cache() {
        return cache;
    }

    public MediaStores media() {
        return media;
    }

    public int localUserId() {
        return localUserId;
    }

    public int recoveredPhases() {
        return recoveredPhases;
    }

    @Override
    public void close() {
        closeInReverse(
                closeables,
                (what, e) -> LOG.warn("Closing {}: {}", what.getClass().getSimpleName(), e.getMessage()));
    }
}
