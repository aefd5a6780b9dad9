package ai.cinboard.generation.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.TestImages;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiEnginesTest {
    static final String KEY = "sk-test-0123456789secretabcd";
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofMillis(300), Duration.ofMillis(1000), 2, Duration.ofMillis(10), Duration.ofMillis(100), 2);
    static final Map<String, Object> SCHEMA = Map.of(
            "type",
            "object",
            "required",
            List.of("title", "scenes"),
            "additionalProperties",
            false,
            "properties",
            Map.of(
                    "title",
                    Map.of("type", "string"),
                    "scenes",
                    Map.of("type", "array", "items", Map.of("type", "string"))));

    private final FakeHttpServer server;
    private final OpenAiClient client;

    OpenAiEnginesTest() throws Exception {
        server = new FakeHttpServer();
        client = new OpenAiClient(
                new OpenAiSettings(server.uri("/v1/"), KEY, "chat-m", "img-m", "tts-m", "nova", null, FAST));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Reply chatAnswer(String content) {
        var root = Json.object();
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return Reply.json(200, root.toString());
    }

    static Reply openAiError(int status, String message, String type, String code) {
        var root = Json.object();
        root.putObject("error").put("message", message).put("type", type).put("code", code);
        return Reply.json(status, root.toString());
    }

    static JsonNode body(FakeHttpServer.Recorded r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    // ---- text ----

    @Test
    void chatUsesJsonSchemaAndStripsFences() throws Exception {
        server.on(
                "POST /v1/chat/completions",
                r -> chatAnswer("```json\n{\"title\":\"Harbour\",\"scenes\":[\"a\"]}\n```"));
        String json = new OpenAiTextEngine(client).completeJson("sys", "story", "breakdown", SCHEMA);
        assertEquals("{\"title\":\"Harbour\",\"scenes\":[\"a\"]}", json);
        var req = server.requests("/v1/chat/completions").get(0);
        assertEquals("Bearer " + KEY, req.header("Authorization"));
        JsonNode b = body(req);
        assertEquals("chat-m", b.path("model").asText());
        assertEquals("system", b.path("messages").path(0).path("role").asText());
        assertEquals("story", b.path("messages").path(1).path("content").asText());
        JsonNode rf = b.path("response_format");
        assertEquals("json_schema", rf.path("type").asText());
        assertEquals("breakdown", rf.path("json_schema").path("name").asText());
        assertEquals(
                "object", rf.path("json_schema").path("schema").path("type").asText());
        assertTrue(rf.path("json_schema").path("strict").asBoolean(), "schema qualifies for strict mode");
    }

    @Test
    void rejectedJsonSchemaFallsBackToJsonObjectThenRetriesOnceOnInvalidAnswer() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.on("POST /v1/chat/completions", r -> {
            String type = body(r).path("response_format").path("type").asText();
            if (type.equals("json_schema")) {
                return openAiError(
                        400,
                        "'response_format.type' must be 'json_object' or 'text'",
                        "invalid_request_error",
                        "invalid_value");
            }
            return n.incrementAndGet() == 1
                    ? chatAnswer("{\"title\": 7}") // wrong type, missing scenes
                    : chatAnswer("{\"title\":\"Harbour\",\"scenes\":[]}");
        });
        OpenAiTextEngine engine = new OpenAiTextEngine(client);
        assertEquals("{\"title\":\"Harbour\",\"scenes\":[]}", engine.completeJson("sys", "story", "breakdown", SCHEMA));

        var calls = server.requests("/v1/chat/completions");
        assertEquals(3, calls.size());
        assertEquals(
                "json_schema",
                body(calls.get(0)).path("response_format").path("type").asText());
        JsonNode second = body(calls.get(1));
        assertEquals("json_object", second.path("response_format").path("type").asText());
        assertTrue(
                second.path("messages").path(0).path("content").asText().contains("JSON Schema"),
                "schema spelled out for json_object mode");
        JsonNode retry = body(calls.get(2));
        assertEquals(4, retry.path("messages").size(), "retry shows the bad answer and what was wrong");
        assertTrue(retry.path("messages").path(3).path("content").asText().contains("$.title: expected string"));

        // The fallback is remembered: the next call goes straight to json_object.
        engine.completeJson("sys", "story", "breakdown", SCHEMA);
        assertEquals(
                "json_object",
                body(server.requests("/v1/chat/completions").get(3))
                        .path("response_format")
                        .path("type")
                        .asText());
    }

    @Test
    void vllmStyle422RejectionAlsoFallsBack() throws Exception {
        server.on(
                "POST /v1/chat/completions",
                r -> body(r).path("response_format").path("type").asText().equals("json_schema")
                        ? Reply.json(
                                422,
                                "{\"object\":\"error\",\"message\":\"json_schema response_format is not supported\",\"type\":\"BadRequestError\",\"code\":422}")
                        : chatAnswer("{\"title\":\"t\",\"scenes\":[\"x\"]}"));
        assertEquals(
                "{\"title\":\"t\",\"scenes\":[\"x\"]}",
                new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertEquals(2, server.requests("/v1/chat/completions").size());
    }

    @Test
    void otherBadRequestsDoNotTriggerTheFallback() {
        server.on(
                "POST /v1/chat/completions",
                r -> openAiError(
                        400,
                        "This model's maximum context length is 8192 tokens",
                        "invalid_request_error",
                        "context_length_exceeded"));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertTrue(e.getMessage().contains("maximum context length"), e.getMessage());
        assertEquals(1, server.requests("/v1/chat/completions").size());
    }

    @Test
    void invalidTwiceIsAClearError() {
        server.on("POST /v1/chat/completions", r -> chatAnswer("not json at all"));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "breakdown", SCHEMA));
        assertTrue(
                e.getMessage().contains("CINBOARD_OPENAI_CHAT_MODEL")
                        && e.getMessage().contains("not valid JSON"),
                e.getMessage());
        assertEquals(2, server.requests("/v1/chat/completions").size());
    }

    @Test
    void badKeyNamesTheSettingAndNeverShowsTheKey() {
        server.on(
                "POST /v1/chat/completions",
                r -> openAiError(
                        401,
                        "Incorrect API key provided: sk-test-****abcd.",
                        "invalid_request_error",
                        "invalid_api_key"));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertTrue(e.getMessage().contains("CINBOARD_OPENAI_API_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("sk-…abcd"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), "the key must not leak into messages");
        assertFalse(client.settings().toString().contains(KEY));
        assertEquals(1, server.requests("/v1/chat/completions").size(), "401 is not retried");
    }

    @Test
    void unknownModelNamesTheModelSetting() {
        server.on(
                "POST /v1/chat/completions",
                r -> openAiError(
                        404,
                        "The model `chat-m` does not exist or you do not have access to it.",
                        "invalid_request_error",
                        "model_not_found"));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertTrue(
                e.getMessage().contains("'chat-m'") && e.getMessage().contains("CINBOARD_OPENAI_CHAT_MODEL"),
                e.getMessage());
    }

    @Test
    void ollamaStyleStringErrorIsShown() {
        server.on(
                "POST /v1/images/generations",
                r -> Reply.json(404, "{\"error\":\"model \\\"img-m\\\" not found, try pulling it first\"}"));
        StudioException e = assertThrows(
                StudioException.class,
                () -> new OpenAiImageEngine(client)
                        .characterSheet(
                                new CharacterSheetRequest(new CharacterLook("A", "", "k", null), 0, 64, 64),
                                Progress.NONE));
        assertTrue(
                e.getMessage().contains("CINBOARD_OPENAI_IMAGE_MODEL")
                        && e.getMessage().contains("try pulling"),
                e.getMessage());
    }

    @Test
    void rateLimitedThenSucceeds() {
        AtomicInteger n = new AtomicInteger();
        server.on(
                "POST /v1/chat/completions",
                r -> n.incrementAndGet() < 3
                        ? openAiError(429, "Rate limit reached", "requests", "rate_limit_exceeded")
                                .withHeader("retry-after-ms", "20")
                        : chatAnswer("{\"title\":\"t\",\"scenes\":[]}"));
        assertEquals(
                "{\"title\":\"t\",\"scenes\":[]}", new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertEquals(3, n.get());
    }

    @Test
    void malformedJsonBodyIsReported() {
        server.on("POST /v1/chat/completions", r -> Reply.json(200, "{\"choices\": [ {\"message\": "));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void slowServerTimesOut() {
        server.on("POST /v1/chat/completions", r -> chatAnswer("{}").delayed(2500));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiTextEngine(client).completeJson("s", "u", "n", SCHEMA));
        assertTrue(e.getMessage().contains("1000 ms"), e.getMessage());
    }

    @Test
    void listsModels() {
        server.on(
                "GET /v1/models",
                r -> Reply.json(
                        200,
                        "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2\",\"object\":\"model\",\"owned_by\":\"library\"},{\"id\":\"kokoro\",\"object\":\"model\"}]}"));
        assertEquals(List.of("llama3.2", "kokoro"), client.listModels());
    }

    @Test
    void listsVoicesWhereTheServerHasAListAndNothingWhereItHasNot() {
        assertEquals(List.of(), client.listVoices());
        server.on("GET /v1/audio/voices", r -> Reply.json(200, "{\"voices\":[\"af_bella\",\"am_adam\"]}"));
        assertEquals(List.of("af_bella", "am_adam"), client.listVoices());
    }

    // ---- images ----

    static final CharacterLook MIRA = new CharacterLook("Mira", "a courier", "ck-mira", TestImages.png(0xff0000));

    static KeyframeRequest keyframe() {
        return new KeyframeRequest(
                "EXT. HARBOUR",
                "harbour",
                "NIGHT",
                "Mira waits",
                "Mira waits by the crane",
                "Mira wartet",
                "de",
                ShotType.MEDIUM,
                List.of(MIRA),
                42L,
                512,
                288);
    }

    @Test
    void keyframeAsB64JsonCarriesCharacterBlockAndSeed() throws Exception {
        byte[] png = TestImages.png(0x3366ff);
        server.on(
                "POST /v1/images/generations",
                r -> Reply.json(
                        200,
                        "{\"created\":1,\"data\":[{\"b64_json\":\""
                                + Base64.getEncoder().encodeToString(png) + "\"}]}"));
        GeneratedImage img = new OpenAiImageEngine(client).keyframe(keyframe(), Progress.NONE);
        assertArrayEquals(png, img.bytes());
        assertEquals("image/png", img.contentType());
        JsonNode b = body(server.requests("/v1/images/generations").get(0));
        assertEquals("img-m", b.path("model").asText());
        assertEquals("1536x1024", b.path("size").asText(), "the gpt-image size of a wide frame");
        assertEquals(1, b.path("n").asInt());
        assertEquals("b64_json", b.path("response_format").asText());
        assertEquals(42L, b.path("seed").asLong());
        assertTrue(b.path("prompt").asText().contains(Consistency.characterBlock(MIRA)));
    }

    @Test
    void verticalAndSquareFramesAskForTheMatchingImageSize() {
        assertEquals("1024x1536", OpenAiImageEngine.size(1080, 1920));
        assertEquals("1024x1024", OpenAiImageEngine.size(720, 720));
        assertEquals("1536x1024", OpenAiImageEngine.size(1280, 720));
    }

    @Test
    void urlAnswerIsDownloadedAndKeyStaysOnTheSameOrigin() {
        byte[] png = TestImages.png(0x00ff00);
        server.on(
                "POST /v1/images/generations",
                r -> Reply.json(
                        200,
                        "{\"created\":1,\"data\":[{\"url\":\"" + server.uri("/files/img-1.png")
                                + "\",\"revised_prompt\":\"rp\"}]}"));
        // Same origin, so the key goes along; it then redirects to "storage", which must not get the key.
        server.on(
                "GET /files/img-1.png",
                r -> Reply.bytes(302, "text/plain", new byte[0])
                        .withHeader(
                                "Location",
                                "http://localhost:" + server.uri("/").getPort() + "/blob/img-1.png"));
        server.on("GET /blob/img-1.png", r -> Reply.bytes(200, "image/png", png));
        // "localhost" stands for a public storage host here: the SSRF guard is told it resolves to a public
        // address (the HTTP client still connects to this machine).
        OpenAiClient storageIsPublic = new OpenAiClient(
                new OpenAiSettings(server.uri("/v1/"), KEY, "chat-m", "img-m", "tts-m", "nova", null, FAST),
                host -> host.equals("localhost")
                        ? new java.net.InetAddress[] {java.net.InetAddress.getByName("93.184.216.34")}
                        : java.net.InetAddress.getAllByName(host));
        GeneratedImage img = new OpenAiImageEngine(storageIsPublic)
                .characterSheet(new CharacterSheetRequest(MIRA, 1, 256, 256), Progress.NONE);
        assertArrayEquals(png, img.bytes());
        assertEquals("rp", img.generationParams().get("revised_prompt"));
        assertEquals("Bearer " + KEY, server.requests("/files/img-1.png").get(0).header("Authorization"));
        assertEquals(
                null,
                server.requests("/blob/img-1.png").get(0).header("Authorization"),
                "localhost is another origin than 127.0.0.1: no key");
        assertEquals(
                Consistency.characterSheetSeed(MIRA, 1), img.generationParams().get("seed"));
    }

    @Test
    void urlAnswersPointingInsideAreRefusedBeforeAnythingIsFetched() throws Exception {
        try (FakeHttpServer internal = new FakeHttpServer()) {
            internal.on("GET /secret", r -> Reply.bytes(200, "image/png", TestImages.png(0xff0000)));
            for (String url : List.of(
                    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                    "http://localhost:" + internal.uri("/").getPort() + "/secret",
                    "http://[::1]:" + internal.uri("/").getPort() + "/secret",
                    "file:///etc/passwd")) {
                server.on(
                        "POST /v1/images/generations",
                        r -> Reply.json(200, "{\"created\":1,\"data\":[{\"url\":\"" + url + "\"}]}"));
                StudioException e = assertThrows(
                        StudioException.class,
                        () -> new OpenAiImageEngine(client)
                                .characterSheet(new CharacterSheetRequest(MIRA, 1, 256, 256), Progress.NONE));
                assertTrue(e.getMessage().startsWith("The media URL '" + url + "' was refused: "), e.getMessage());
                assertTrue(
                        e.getMessage()
                                .endsWith("image URLs are downloaded only from the server itself"
                                        + " (CINBOARD_OPENAI_BASE_URL) and public addresses; ask the server for b64_json"
                                        + " images instead."),
                        e.getMessage());
            }
            assertEquals(List.of(), internal.requests(), "the internal service was never asked");
        }
    }

    @Test
    void aRedirectFromTheServerToAnInternalAddressIsRefused() throws Exception {
        try (FakeHttpServer internal = new FakeHttpServer()) {
            internal.on("GET /secret", r -> Reply.bytes(200, "image/png", TestImages.png(0xff0000)));
            server.on(
                    "POST /v1/images/generations",
                    r -> Reply.json(
                            200, "{\"created\":1,\"data\":[{\"url\":\"" + server.uri("/files/img-2.png") + "\"}]}"));
            server.on(
                    "GET /files/img-2.png",
                    r -> Reply.bytes(302, "text/plain", new byte[0])
                            .withHeader(
                                    "Location",
                                    "http://10.0.0.7:" + internal.uri("/").getPort() + "/secret"));
            StudioException e = assertThrows(
                    StudioException.class,
                    () -> new OpenAiImageEngine(client)
                            .characterSheet(new CharacterSheetRequest(MIRA, 1, 256, 256), Progress.NONE));
            assertTrue(e.getMessage().contains("resolves to the internal address 10.0.0.7"), e.getMessage());
            assertEquals(1, server.requests("/files/img-2.png").size(), "the server's own URL was fetched");
            assertEquals(List.of(), internal.requests());
        }
    }

    @Test
    void seedRejectedIsDroppedAndRemembered() throws Exception {
        byte[] png = TestImages.png(0x123456);
        server.on(
                "POST /v1/images/generations",
                r -> body(r).has("seed")
                        ? openAiError(
                                400, "Unrecognized request argument supplied: seed", "invalid_request_error", null)
                        : Reply.json(
                                200,
                                "{\"data\":[{\"b64_json\":\""
                                        + Base64.getEncoder().encodeToString(png) + "\"}]}"));
        OpenAiImageEngine engine = new OpenAiImageEngine(client);
        engine.keyframe(keyframe(), Progress.NONE);
        engine.keyframe(keyframe(), Progress.NONE);
        assertEquals(3, server.requests("/v1/images/generations").size(), "second keyframe skips the seed at once");
    }

    /** A text field of a multipart/form-data body. */
    static String field(FakeHttpServer.Recorded r, String name) {
        String text = new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("name=\"" + name + "\"\r\n\r\n");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 11;
        return new String(
                r.body(), start, text.indexOf("\r\n--", start) - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void keyframeWithAReferenceGoesToImageEditsWithTheReferenceImage() {
        byte[] png = TestImages.png(0x445566);
        server.on(
                "POST /v1/images/edits",
                r -> Reply.json(
                        200,
                        "{\"created\":1,\"data\":[{\"b64_json\":\""
                                + Base64.getEncoder().encodeToString(png) + "\"}]}"));
        GeneratedImage img = new OpenAiImageEngine(client).keyframe(keyframe(), Progress.NONE);
        assertArrayEquals(png, img.bytes());
        var req = server.requests("/v1/images/edits").get(0);
        assertTrue(req.header("Content-Type").startsWith("multipart/form-data; boundary="));
        assertEquals("Bearer " + KEY, req.header("Authorization"));
        assertEquals("img-m", field(req, "model"));
        assertEquals("1536x1024", field(req, "size"));
        assertEquals("42", field(req, "seed"));
        assertTrue(field(req, "prompt").contains(Consistency.characterBlock(MIRA)));
        assertArrayEquals(
                MIRA.referencePng(),
                ai.cinboard.generation.comfyui.FakeComfyUi.uploadedFile(req.body(), req.header("Content-Type")),
                "the character's reference is the image to work from");
        assertEquals("ck-mira", img.generationParams().get("reference_character"));
        assertEquals(List.of(), server.requests("/v1/images/generations"));
    }

    @Test
    void aServerWithoutImageEditsGetsGenerationsFromThenOn() {
        byte[] png = TestImages.png(0x654321);
        server.on(
                "POST /v1/images/generations",
                r -> Reply.json(
                        200, "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png) + "\"}]}"));
        OpenAiImageEngine engine = new OpenAiImageEngine(client);
        engine.keyframe(keyframe(), Progress.NONE);
        GeneratedImage second = engine.keyframe(keyframe(), Progress.NONE);
        assertArrayEquals(png, second.bytes());
        assertEquals(1, server.requests("/v1/images/edits").size(), "asked once, then remembered");
        assertEquals(2, server.requests("/v1/images/generations").size());
        assertEquals("/images/generations", second.generationParams().get("endpoint"));
    }

    @Test
    void nonImageBytesAreRejected() {
        server.on(
                "POST /v1/images/generations",
                r -> Reply.json(
                        200,
                        "{\"data\":[{\"b64_json\":\""
                                + Base64.getEncoder().encodeToString("hello world, not a png".getBytes()) + "\"}]}"));
        StudioException e = assertThrows(
                StudioException.class, () -> new OpenAiImageEngine(client).keyframe(keyframe(), Progress.NONE));
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
    }
}
