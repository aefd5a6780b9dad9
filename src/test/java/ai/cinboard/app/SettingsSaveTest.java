package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.EngineKind;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import ai.cinboard.ui.viewmodel.Notifier;
import ai.cinboard.ui.viewmodel.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's Settings form saved through the real {@link ConfigFileSettings} into a real cinboard.properties. */
class SettingsSaveTest {
    private static final String FILE = "# kept: a comment the user wrote\n"
            + "CINBOARD_S3_PATH_STYLE=true\n"
            + "CINBOARD_OPENAI_CHAT_MODEL=llama3.1:8b\n"
            + "CINBOARD_OPENAI_VOICE=af_bella\n"
            + "CINBOARD_POLICY_ENGINE=chat\n"
            + "CINBOARD_OPENAI_TIMEOUT_SECONDS=90\n"
            + "CINBOARD_GENERATION_THREADS=2\n"
            + "CINBOARD_TEXT_ENGINE=openai\n"
            + "CINBOARD_OPENAI_BASE_URL=http://127.0.0.1:11434/v1\n"
            + "CINBOARD_SPEECH_ENGINE=none\n"
            + "CINBOARD_REDIS_URL=redis://cache:6379\n"
            + "A_TEAMS_OWN_KEY=untouched\n";

    private record Form(SettingsViewModel vm, Notifier notifier, List<Map<String, ?>> audited) {}

    private static Form form(Path home) {
        List<Map<String, ?>> audited = new ArrayList<>();
        StudioConfig config = StudioConfig.load(Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_SECRETS", "file"));
        Notifier notifier = new Notifier();
        SettingsViewModel vm = new SettingsViewModel(
                new ConfigFileSettings(config, audited::add), new CurrentThreadTaskExecutor(), notifier);
        vm.load();
        return new Form(vm, notifier, audited);
    }

    @Test
    void speechEngineNoneLoadsAndIsOfferedOnlyForSpeech(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(StudioConfig.CONFIG_FILE), "CINBOARD_SPEECH_ENGINE=none\n");
        Form f = form(home);
        assertNull(f.notifier().latestProperty().get(), "the form loads without an error");
        assertEquals(
                EngineKind.NONE,
                f.vm().engine(ConnectionPart.SPEECH_ENGINE).kind.get());
        assertEquals(
                List.of(EngineKind.LOCAL, EngineKind.OPENAI_COMPATIBLE, EngineKind.NONE),
                f.vm().engineChoices(ConnectionPart.SPEECH_ENGINE));
        assertFalse(f.vm().engineChoices(ConnectionPart.IMAGE_ENGINE).contains(EngineKind.NONE));
        assertEquals(List.of(EngineKind.LOCAL, EngineKind.COMFYUI), f.vm().engineChoices(ConnectionPart.VIDEO_ENGINE));
    }

    @Test
    void savingTheFormKeepsEverySettingItDoesNotShow(@TempDir Path home) throws Exception {
        Path file = home.resolve(StudioConfig.CONFIG_FILE);
        Files.writeString(file, FILE);
        Form f = form(home);
        assertNull(f.notifier().latestProperty().get());
        assertEquals(
                "llama3.1:8b", f.vm().engine(ConnectionPart.TEXT_ENGINE).model.get());

        f.vm().exportFps.set(30);
        f.vm().engine(ConnectionPart.IMAGE_ENGINE).kind.set(EngineKind.COMFYUI);
        f.vm().engine(ConnectionPart.IMAGE_ENGINE).endpoint.set("http://gpu:8188");
        f.vm().save();
        assertEquals(
                Notifier.Level.INFO,
                f.notifier().latestProperty().get().level(),
                f.notifier().latestProperty().get().text());

        String saved = Files.readString(file);
        assertTrue(saved.startsWith(FILE), "every line the form does not change is kept as it was:\n" + saved);
        assertTrue(saved.contains("CINBOARD_EXPORT_FPS=30\n"), saved);
        assertTrue(saved.contains("CINBOARD_IMAGE_ENGINE=comfyui\n"), saved);
        assertTrue(saved.contains("CINBOARD_COMFYUI_URL=http://gpu:8188\n"), saved);
        assertFalse(saved.contains("CINBOARD_EXPORT_WIDTH"), "a default the form shows unchanged is not written");
        assertEquals(
                List.of(Map.of(
                        "changed", List.of("CINBOARD_COMFYUI_URL", "CINBOARD_EXPORT_FPS", "CINBOARD_IMAGE_ENGINE"))),
                f.audited(),
                "the audit log hears the names that changed, never values");

        // Saving again without a change writes nothing; turning Redis off removes only its URL.
        Form again = form(home);
        again.vm().save();
        assertEquals(saved, Files.readString(file));
        again.vm().cacheRedis.set(false);
        again.vm().save();
        String noRedis = Files.readString(file);
        assertEquals(saved.replace("CINBOARD_REDIS_URL=redis://cache:6379\n", ""), noRedis);
        assertEquals(
                EngineKind.NONE,
                form(home).vm().engine(ConnectionPart.SPEECH_ENGINE).kind.get());
    }

    @Test
    void anInvalidFieldIsRefusedByItsKeyAndNothingIsWritten(@TempDir Path home) throws Exception {
        Path file = home.resolve(StudioConfig.CONFIG_FILE);
        Files.writeString(file, FILE);
        Form f = form(home);
        f.vm().exportFps.set(0);
        f.vm().save();
        assertEquals(
                "Saving settings: CINBOARD_EXPORT_FPS is \"0\"; allowed: a whole number from 1 to 120.",
                f.notifier().latestProperty().get().text());
        f.vm().exportFps.set(24);
        f.vm().engine(ConnectionPart.VIDEO_ENGINE).kind.set(EngineKind.OPENAI_COMPATIBLE);
        f.vm().save();
        assertEquals(
                "Saving settings: CINBOARD_VIDEO_ENGINE is \"openai\"; allowed: local or comfyui.",
                f.notifier().latestProperty().get().text());
        // a team database reached without verified TLS would be refused at the next start: refused now
        f.vm().engine(ConnectionPart.VIDEO_ENGINE).kind.set(EngineKind.LOCAL);
        f.vm().dbEmbedded.set(false);
        f.vm().dbUrl.set("jdbc:postgresql://db.example.com/cinboard");
        f.vm().save();
        assertTrue(
                f.notifier().latestProperty().get().text().contains("sslmode=verify-full"),
                f.notifier().latestProperty().get().text());
        assertEquals(FILE, Files.readString(file));
    }
}
