package ai.cinboard.domain.settings;

import static ai.cinboard.domain.settings.SettingType.choice;
import static ai.cinboard.domain.settings.SettingType.integer;
import static ai.cinboard.domain.settings.SettingType.name;
import static ai.cinboard.domain.settings.SettingType.text;
import static ai.cinboard.domain.settings.SettingType.url;

import ai.cinboard.domain.StudioException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the studio, in one place: name, default, secret or not, parser and validator, allowed values
 * and meaning. The environment overrides, {@code cinboard.properties}, the composition root, the Settings view and
 * the {@code config} command all read these keys. It sits in the domain layer so that every layer can name them.
 */
public final class SettingsRegistry {
    private static final Map<String, Setting<?>> KEYS = new LinkedHashMap<>();

    public static final Setting<String> HOME =
            envOnly("CINBOARD_HOME", "~/.cinboard", text(), "folder for settings and data (environment only)");

    public static final Setting<String> DB_URL = define(
            "CINBOARD_DB_URL",
            null,
            SettingType.jdbcPostgres(),
            "JDBC URL of an external PostgreSQL 14+; a host other than loopback needs sslmode=verify-full"
                    + " (unset: the embedded server)");
    public static final Setting<String> DB_USER = define("CINBOARD_DB_USER", null, text(), "user for CINBOARD_DB_URL");
    public static final Setting<String> DB_PASSWORD = secret("CINBOARD_DB_PASSWORD", "password for CINBOARD_DB_URL");
    public static final Setting<Integer> DB_PORT = define(
            "CINBOARD_DB_PORT", "0", integer(0, 65535), "fixed loopback port for the embedded server (0: a free port)");
    public static final Setting<Integer> DB_POOL_SIZE =
            define("CINBOARD_DB_POOL_SIZE", "0", integer(0, 1000), "connection pool size (0: cores × 2 + 1)");
    public static final Setting<Integer> SLOW_QUERY_MS = define(
            "CINBOARD_SLOW_QUERY_MS",
            "500",
            integer(0, 3_600_000),
            "statements slower than this are logged (0: every statement)");

    public static final Setting<URI> REDIS_URL = define(
            "CINBOARD_REDIS_URL", null, url("redis", "rediss"), "Redis for the shared cache (unset: in-process)");

    public static final Setting<String> S3_BUCKET =
            define("CINBOARD_S3_BUCKET", null, text(), "S3 bucket for media (unset: local disk)");
    public static final Setting<String> S3_PREFIX =
            define("CINBOARD_S3_PREFIX", "", text(), "key prefix inside the bucket");
    public static final Setting<URI> S3_ENDPOINT = define(
            "CINBOARD_S3_ENDPOINT", null, url("http", "https"), "URL of an S3-compatible store (unset: AWS S3 itself)");
    public static final Setting<String> S3_REGION =
            define("CINBOARD_S3_REGION", "us-east-1", name(), "region of the bucket");
    public static final Setting<String> S3_PATH_STYLE = define(
            "CINBOARD_S3_PATH_STYLE",
            "auto",
            choice("auto", "true", "false"),
            "path-style URLs (http://host/bucket/key); auto: on with CINBOARD_S3_ENDPOINT, off for AWS");
    public static final Setting<String> AWS_ACCESS_KEY_ID =
            define("AWS_ACCESS_KEY_ID", null, text(), "S3 access key (unset: the standard AWS credential chain)");
    public static final Setting<String> AWS_SECRET_ACCESS_KEY = secret("AWS_SECRET_ACCESS_KEY", "S3 secret key");

    public static final Setting<String> USER =
            define("CINBOARD_USER", null, text(), "team mode on the command line: sign in as this member's email");
    public static final Setting<String> USER_PASSWORD = secret("CINBOARD_USER_PASSWORD", "password of CINBOARD_USER");
    public static final Setting<Integer> MEDIA_RETENTION_DAYS = define(
            "CINBOARD_MEDIA_RETENTION_DAYS",
            "30",
            integer(0, 36_500),
            "days `maintenance` keeps media no project uses any more (0: for ever)");

    public static final Setting<String> TEXT_ENGINE = define(
            "CINBOARD_TEXT_ENGINE",
            "local",
            choice("local", "openai"),
            "text engine; openai lets the chat model split prose into scenes and translate");
    public static final Setting<String> IMAGE_ENGINE =
            define("CINBOARD_IMAGE_ENGINE", "local", choice("local", "openai", "comfyui", "a1111"), "image engine");
    public static final Setting<String> VIDEO_ENGINE =
            define("CINBOARD_VIDEO_ENGINE", "local", choice("local", "comfyui"), "video engine");
    public static final Setting<String> SPEECH_ENGINE = define(
            "CINBOARD_SPEECH_ENGINE",
            "local",
            choice("local", "openai", "none"),
            "speech engine; none: no voiceover, subtitles are burned in");
    public static final Setting<String> TRANSLATION_ENGINE = define(
            "CINBOARD_TRANSLATION_ENGINE",
            "none",
            choice("none", "libretranslate", "openai"),
            "translates prompts for image models (unset with CINBOARD_TEXT_ENGINE=openai: openai)");
    public static final Setting<URI> LIBRETRANSLATE_URL =
            define("CINBOARD_LIBRETRANSLATE_URL", null, url("http", "https"), "LibreTranslate server");
    public static final Setting<String> LIBRETRANSLATE_API_KEY =
            secret("CINBOARD_LIBRETRANSLATE_API_KEY", "API key of the LibreTranslate server");
    public static final Setting<String> TRANSLATE_TO =
            define("CINBOARD_TRANSLATE_TO", "en", name(), "language prompts are translated into");
    public static final Setting<String> POLICY_ENGINE = define(
            "CINBOARD_POLICY_ENGINE",
            "local",
            choice("local", "moderation", "chat"),
            "content check besides the built-in rules: the server's /moderations or the chat model");

    public static final Setting<URI> OPENAI_BASE_URL =
            define("CINBOARD_OPENAI_BASE_URL", null, url("http", "https"), "API root of an OpenAI-compatible server");
    public static final Setting<String> OPENAI_API_KEY =
            secret("CINBOARD_OPENAI_API_KEY", "API key of the OpenAI-compatible server");
    public static final Setting<String> OPENAI_CHAT_MODEL =
            define("CINBOARD_OPENAI_CHAT_MODEL", "gpt-4o-mini", name(), "chat model");
    public static final Setting<String> OPENAI_IMAGE_MODEL =
            define("CINBOARD_OPENAI_IMAGE_MODEL", "gpt-image-1", name(), "image model");
    public static final Setting<String> OPENAI_SPEECH_MODEL =
            define("CINBOARD_OPENAI_SPEECH_MODEL", "gpt-4o-mini-tts", name(), "speech model");
    public static final Setting<String> OPENAI_VOICE = define("CINBOARD_OPENAI_VOICE", "alloy", name(), "voice");
    public static final Setting<String> OPENAI_MODERATION_MODEL = define(
            "CINBOARD_OPENAI_MODERATION_MODEL",
            "omni-moderation-latest",
            text(),
            "moderation model (CINBOARD_POLICY_ENGINE=moderation)");
    public static final Setting<URI> COMFYUI_URL =
            define("CINBOARD_COMFYUI_URL", null, url("http", "https"), "ComfyUI server");
    public static final Setting<URI> A1111_URL =
            define("CINBOARD_A1111_URL", null, url("http", "https"), "Automatic1111/Forge server");

    public static final Setting<Integer> OPENAI_MAX_CONCURRENCY = define(
            "CINBOARD_OPENAI_MAX_CONCURRENCY",
            "2",
            integer(1, 64),
            "requests the OpenAI-compatible engine runs at once");
    public static final Setting<Integer> COMFYUI_MAX_CONCURRENCY =
            define("CINBOARD_COMFYUI_MAX_CONCURRENCY", "1", integer(1, 64), "workflows ComfyUI runs at once");
    public static final Setting<Integer> A1111_MAX_CONCURRENCY =
            define("CINBOARD_A1111_MAX_CONCURRENCY", "1", integer(1, 64), "requests Automatic1111 runs at once");
    public static final Setting<Integer> OPENAI_TIMEOUT_SECONDS = define(
            "CINBOARD_OPENAI_TIMEOUT_SECONDS", "300", integer(1, 86_400), "longest wait for one answer, in seconds");
    public static final Setting<Integer> COMFYUI_TIMEOUT_SECONDS = define(
            "CINBOARD_COMFYUI_TIMEOUT_SECONDS",
            "1200",
            integer(1, 86_400),
            "longest wait for one workflow, in seconds");
    public static final Setting<Integer> A1111_TIMEOUT_SECONDS = define(
            "CINBOARD_A1111_TIMEOUT_SECONDS", "300", integer(1, 86_400), "longest wait for one answer, in seconds");

    public static final Setting<Integer> MAX_INPUT_CHARS = define(
            "CINBOARD_MAX_INPUT_CHARS", "200000", integer(1, 10_000_000), "longest story accepted, in characters");
    public static final Setting<Integer> GENERATION_THREADS =
            define("CINBOARD_GENERATION_THREADS", "1", integer(1, 64), "size of the background generation executor");
    public static final Setting<Integer> STATUS_POLL_MS = define(
            "CINBOARD_STATUS_POLL_MS",
            "2000",
            integer(100, 3_600_000),
            "without Redis, how often renders of other processes are read from processing_statuses, in ms");
    public static final Setting<Integer> WORKER_HEARTBEAT_MS = define(
            "CINBOARD_WORKER_HEARTBEAT_MS",
            "5000",
            integer(200, 600_000),
            "how often a render worker says it is alive; after 4 missed beats its unit runs again elsewhere, in ms");
    public static final Setting<Integer> WORKER_POLL_MS = define(
            "CINBOARD_WORKER_POLL_MS",
            "1000",
            integer(100, 600_000),
            "how often an idle render worker asks the job engine for a unit, in ms (one query each time)");
    public static final Setting<Integer> WORKER_STOP_GRACE_MS = define(
            "CINBOARD_WORKER_STOP_GRACE_MS",
            "60000",
            integer(0, 3_600_000),
            "how long a stopping render worker (SIGTERM) lets its running units finish before it hands them back to"
                    + " the queue, in ms");
    public static final Setting<Integer> PREVIEW_CACHE_MB = define(
            "CINBOARD_PREVIEW_CACHE_MB", "2048", integer(0, 1_048_576), "local preview cache for remote media, in MB");
    public static final Setting<int[]> RENDER_RESOLUTION = define(
            "CINBOARD_RENDER_RESOLUTION", "1280x720", SettingType.size(), "render size (part of every fingerprint)");
    public static final Setting<Integer> RENDER_FPS =
            define("CINBOARD_RENDER_FPS", "24", integer(1, 60), "render frame rate (part of every fingerprint)");

    public static final Setting<String> EXPORT_DIR =
            define("CINBOARD_EXPORT_DIR", "~/Videos", text(), "the Export dialog's default folder");
    public static final Setting<Integer> EXPORT_WIDTH =
            define("CINBOARD_EXPORT_WIDTH", "1920", integer(16, 8192), "the Export dialog's default width");
    public static final Setting<Integer> EXPORT_HEIGHT =
            define("CINBOARD_EXPORT_HEIGHT", "1080", integer(16, 8192), "the Export dialog's default height");
    public static final Setting<Integer> EXPORT_FPS =
            define("CINBOARD_EXPORT_FPS", "24", integer(1, 120), "the Export dialog's default frame rate");

    public static final Setting<String> LOG = envOnly(
            "CINBOARD_LOG",
            "info",
            choice("trace", "debug", "info", "warn", "error"),
            "log level (environment only: logging starts before the file is read)");
    public static final Setting<String> SECRETS =
            define("CINBOARD_SECRETS", "auto", choice("auto", "keychain", "file"), "where secrets are kept");
    public static final Setting<String> SECRETS_PASSPHRASE = register(new Setting<>(
            "CINBOARD_SECRETS_PASSPHRASE",
            null,
            true,
            false,
            text(),
            "passphrase of the encrypted secrets file (environment only)"));

    private static final List<Setting<?>> ALL = List.copyOf(KEYS.values());

    private SettingsRegistry() {}

    /** Every setting, in the order of the README's table. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(KEYS.get(name));
    }

    /** The setting called {@code name}, or a one-line refusal that says how to list the known ones. */
    public static Setting<?> require(String name) {
        return find(name)
                .orElseThrow(() -> new StudioException(
                        "\"" + name + "\" is not a setting. Run `cinboard config list` to see the settings and their"
                                + " allowed values."));
    }

    /** The names of every setting, for messages. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.keySet()));
    }

    private static <T> Setting<T> define(String name, String defaultValue, SettingType<T> type, String description) {
        return register(new Setting<>(name, defaultValue, false, true, type, description));
    }

    private static Setting<String> secret(String name, String description) {
        return register(new Setting<>(name, null, true, true, text(), description));
    }

    private static <T> Setting<T> envOnly(String name, String defaultValue, SettingType<T> type, String description) {
        return register(new Setting<>(name, defaultValue, false, false, type, description));
    }

    private static <T> Setting<T> register(Setting<T> setting) {
        if (KEYS.put(setting.name(), setting) != null) {
            throw new IllegalStateException("Setting " + setting.name() + " is defined twice");
        }
        if (setting.defaultValue() != null) {
            setting.parse(setting.defaultValue()); // a default the parser refuses is a bug, found at class load
        }
        return setting;
    }
}
