package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.ConnectionResult;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.StudioSettings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings' "Test connection" for engines: the server's own list of models, checkpoints or voices. */
class EngineConnectionTest {

    private static ConnectionResult test(
            Path home, ConnectionPart part, EngineKind kind, String endpoint, String model, String key) {
        ConfigFileSettings settings =
                new ConfigFileSettings(StudioConfig.load(Map.of("CINBOARD_HOME", home.toString())));
        StudioSettings s = settings.load();
        Map<ConnectionPart, StudioSettings.Engine> engines = new EnumMap<>(s.engines());
        engines.put(part, new StudioSettings.Engine(kind, endpoint, model, key));
        return settings.testConnection(
                part, new StudioSettings(engines, s.database(), s.cache(), s.media(), s.export()));
    }

    @Test
    void openAiListsModelsAndVoicesAndFlagsAModelTheServerLacks(@TempDir Path home) throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.on(
                    "GET /v1/models",
                    r -> Reply.json(
                            200,
                            "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2\","
                                    + "\"object\":\"model\",\"owned_by\":\"library\"},{\"id\":\"kokoro\",\"object\":\"model\"}]}"));
            server.on("GET /v1/audio/voices", r -> Reply.json(200, "{\"voices\":[\"af_bella\",\"am_adam\"]}"));
            String base = server.uri("/v1").toString();

            ConnectionResult text = test(
                    home,
                    ConnectionPart.TEXT_ENGINE,
                    EngineKind.OPENAI_COMPATIBLE,
                    base,
                    "llama3.2",
                    "sk-conn-0123456789abcdef");
            assertTrue(text.ok(), text.message());
            assertEquals("2 models: llama3.2, kokoro", text.message());
            assertEquals(
                    "Bearer sk-conn-0123456789abcdef",
                    server.requests("/v1/models").get(0).header("Authorization"));

            ConnectionResult wrong =
                    test(home, ConnectionPart.TEXT_ENGINE, EngineKind.OPENAI_COMPATIBLE, base, "gpt-4o", "");
            assertFalse(wrong.ok());
            assertTrue(
                    wrong.message().startsWith("The server does not offer the model 'gpt-4o'. It has 2 models"),
                    wrong.message());

            ConnectionResult speech =
                    test(home, ConnectionPart.SPEECH_ENGINE, EngineKind.OPENAI_COMPATIBLE, base, "kokoro", "");
            assertTrue(speech.ok(), speech.message());
            assertTrue(speech.message().endsWith("; 2 voices: af_bella, am_adam"), speech.message());
        }
    }

    @Test
    void comfyUiListsImageAndVideoCheckpointsAndA1111ItsModels(@TempDir Path home) throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.on(
                    "GET /object_info/CheckpointLoaderSimple",
                    r -> Reply.json(
                            200,
                            "{\"CheckpointLoaderSimple\":"
                                    + "{\"input\":{\"required\":{\"ckpt_name\":[[\"sd_xl_base_1.0.safetensors\",\"dreamshaper_8.safetensors\"],"
                                    + "{\"tooltip\":\"The name of the checkpoint (model) to load.\"}]}}}}"));
            server.on(
                    "GET /object_info/ImageOnlyCheckpointLoader",
                    r -> Reply.json(
                            200,
                            "{\"ImageOnlyCheckpointLoader\":"
                                    + "{\"input\":{\"required\":{\"ckpt_name\":[[\"svd_xt.safetensors\"],{}]}}}}"));
            server.on(
                    "GET /sdapi/v1/sd-models",
                    r -> Reply.json(
                            200,
                            "[{\"title\":\"dreamshaper_8.safetensors "
                                    + "[879db523c3]\",\"model_name\":\"dreamshaper_8\",\"hash\":\"879db523c3\"}]"));
            String url = server.uri("").toString();

            ConnectionResult image = test(home, ConnectionPart.IMAGE_ENGINE, EngineKind.COMFYUI, url, "", "");
            assertEquals(
                    new ConnectionResult(true, "2 checkpoints: sd_xl_base_1.0.safetensors, dreamshaper_8.safetensors"),
                    image);
            ConnectionResult video = test(home, ConnectionPart.VIDEO_ENGINE, EngineKind.COMFYUI, url, "", "");
            assertEquals(new ConnectionResult(true, "1 video checkpoint: svd_xt.safetensors"), video);
            ConnectionResult a1111 = test(home, ConnectionPart.IMAGE_ENGINE, EngineKind.A1111, url, "", "");
            assertEquals(new ConnectionResult(true, "1 model: dreamshaper_8.safetensors [879db523c3]"), a1111);
        }
    }

    @Test
    void anEngineWithoutThePartsCapabilityOrServerSaysSo(@TempDir Path home) {
        ConnectionResult video =
                test(home, ConnectionPart.VIDEO_ENGINE, EngineKind.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "", "");
        assertFalse(video.ok());
        assertEquals("openai does not make video; choose local or ComfyUI.", video.message());
        ConnectionResult down = test(home, ConnectionPart.IMAGE_ENGINE, EngineKind.A1111, "http://127.0.0.1:9", "", "");
        assertFalse(down.ok());
        assertFalse(down.message().contains("\n"), down.message());
    }
}
