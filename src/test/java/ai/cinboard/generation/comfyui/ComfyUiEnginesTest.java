package ai.cinboard.generation.comfyui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.GenerationCancelledException;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.TestImages;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComfyUiEnginesTest {
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofMillis(500), Duration.ofMillis(1000), 1, Duration.ofMillis(10), Duration.ofMillis(100), 1);
    static final byte[] JPEG_PREVIEW = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
    static final CharacterLook MIRA = new CharacterLook("Mira", "a courier", "ck-mira", TestImages.png(0xaa0000));

    @TempDir
    Path tmp;

    private final FakeComfyUi fake;
    private final ComfyUiClient client;
    private final WorkflowTemplates templates = new WorkflowTemplates(List.of(Path.of("assets/comfyui")));

    ComfyUiEnginesTest() throws Exception {
        fake = new FakeComfyUi();
        ComfyUiSettings s = ComfyUiSettings.of(fake.baseUrl(), List.of())
                .withTiming(FAST, Duration.ofSeconds(5), Duration.ofMillis(300));
        client = new ComfyUiClient(s, fake.socketBase());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    static KeyframeRequest keyframe(List<CharacterLook> cast) {
        return new KeyframeRequest(
                "EXT. HARBOUR",
                "harbour",
                "NIGHT",
                "Mira waits",
                "Mira waits by the crane",
                "Mira wartet",
                "de",
                ShotType.CLOSE_UP,
                cast,
                77L,
                512,
                288);
    }

    @Test
    void keyframeWithCharacterUploadsReferenceFollowsProgressAndDeliversPreviews() throws Exception {
        byte[] png = TestImages.png(0x00aa00);
        fake.script = (conn, id) -> {
            FakeComfyUi.send(conn, "execution_start", "{\"prompt_id\":\"" + id + "\",\"timestamp\":1}");
            FakeComfyUi.send(conn, "executing", "{\"node\":\"3\",\"display_node\":\"3\",\"prompt_id\":\"" + id + "\"}");
            FakeComfyUi.send(conn, "progress", "{\"value\":1,\"max\":2,\"prompt_id\":\"" + id + "\",\"node\":\"3\"}");
            FakeComfyUi.sendPreview(conn, 1, JPEG_PREVIEW);
            FakeComfyUi.send(conn, "progress", "{\"value\":2,\"max\":2,\"prompt_id\":\"" + id + "\",\"node\":\"3\"}");
            fake.history.put(id, FakeComfyUi.historyWith("9", "images", "cinboard_00001_.png", false));
            FakeComfyUi.send(conn, "executed", "{\"node\":\"9\",\"output\":{},\"prompt_id\":\"" + id + "\"}");
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\",\"timestamp\":2}");
        };
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/png", png));
        ComfyUiImageEngine engine = new ComfyUiImageEngine(client, templates);
        List<byte[]> previews = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        List<Double> fractions = new CopyOnWriteArrayList<>();

        // Previews reach the caller's progress, the way the pipeline passes them on to its job.
        GeneratedImage img = engine.keyframe(keyframe(List.of(MIRA)), new ai.cinboard.generation.Progress() {
            @Override
            public void report(double f, String m) {
                fractions.add(f);
                messages.add(m);
            }

            @Override
            public void preview(byte[] image) {
                previews.add(image);
            }
        });

        assertArrayEquals(png, img.bytes());
        assertEquals(1, previews.size());
        assertArrayEquals(JPEG_PREVIEW, previews.get(0));
        assertTrue(fractions.contains(0.5), fractions.toString());
        assertTrue(messages.contains("Step 1 of 2 (KSampler)"), messages.toString());
        assertTrue(messages.contains("Running (KSampler)"), messages.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress never goes back: " + fractions);
        }

        String upload = fake.http.requests("/upload/image").get(0).text();
        assertTrue(
                upload.contains("name=\"image\"; filename=\"" + ComfyUiImageEngine.referenceName(MIRA) + "\""), upload);
        assertTrue(
                upload.contains("name=\"overwrite\"\r\n\r\ntrue") && upload.contains("name=\"type\"\r\n\r\ninput"),
                upload);

        JsonNode wf = fake.lastWorkflow;
        assertEquals(
                "cinboard/" + ComfyUiImageEngine.referenceName(MIRA),
                wf.path("10").path("inputs").path("image").asText());
        assertTrue(wf.path("3").path("inputs").path("seed").isIntegralNumber());
        assertEquals(77L, wf.path("3").path("inputs").path("seed").asLong());
        assertEquals(0.55, wf.path("3").path("inputs").path("denoise").asDouble());
        assertTrue(wf.path("6").path("inputs").path("text").asText().contains(Consistency.characterBlock(MIRA)));

        assertEquals(List.of(), fake.originHeaders, "no Origin header on the WebSocket handshake");
        assertEquals("/ws?clientId=" + fake.lastClientId, fake.socketPaths.get(0));
        String view = fake.http.requests("/view").get(0).query();
        assertEquals("filename=cinboard_00001_.png&subfolder=cinboard&type=output", view);
    }

    @Test
    void keyframeWithoutReferenceUsesTxt2imgAndWaitsForHistoryAfterSuccess() throws Exception {
        fake.script = (conn, id) -> {
            // The real server sends execution_success before it files the prompt in /history.
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\"}");
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            fake.history.put(id, FakeComfyUi.historyWith("9", "images", "a.png", false));
        };
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/png", TestImages.png(1)));
        new ComfyUiImageEngine(client, templates)
                .keyframe(keyframe(List.of(new CharacterLook("Ann", "", "ck-ann", null))), (f, m) -> {});
        assertEquals(
                "EmptyLatentImage",
                fake.lastWorkflow.path("5").path("class_type").asText());
        assertEquals(
                512, fake.lastWorkflow.path("5").path("inputs").path("width").asInt());
        assertEquals(List.of(), fake.http.requests("/upload/image"));
        assertTrue(
                fake.http.requests().stream()
                                .filter(r -> r.path().startsWith("/history/"))
                                .count()
                        >= 2,
                "history was asked again until the entry appeared");
    }

    @Test
    void jobsAreBoundedByMaxConcurrencyNotJustRequests() throws Exception {
        AtomicReference<Integer> maxRunning = new AtomicReference<>(0);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        fake.script = (conn, id) -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            fake.history.put(id, FakeComfyUi.historyWith("9", "images", "a.png", false));
            running.decrementAndGet();
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\"}");
        };
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/png", TestImages.png(1)));
        ComfyUiImageEngine engine = new ComfyUiImageEngine(client, templates);
        Thread a = new Thread(() -> engine.characterSheet(new CharacterSheetRequest(MIRA, 0, 64, 64), (f, m) -> {}));
        Thread b = new Thread(() -> engine.characterSheet(new CharacterSheetRequest(MIRA, 0, 64, 64), (f, m) -> {}));
        a.start();
        b.start();
        a.join(5000);
        b.join(5000);
        assertEquals(2, fake.http.requests("/prompt").size());
        assertEquals(1, maxRunning.get(), "maxConcurrency 1 runs one workflow at a time");
    }

    @Test
    void executionErrorIsSurfacedWithTheExceptionMessage() {
        fake.script = (conn, id) -> FakeComfyUi.send(
                conn,
                "execution_error",
                "{\"prompt_id\":\"" + id
                        + "\",\"node_id\":\"4\",\"node_type\":\"CheckpointLoaderSimple\",\"executed\":[],"
                        + "\"exception_message\":\"Error while deserializing header: HeaderTooLarge\","
                        + "\"exception_type\":\"safetensors_rust.SafetensorError\",\"traceback\":[],\"current_inputs\":{},\"current_outputs\":{}}");
        StudioException e = assertThrows(
                StudioException.class,
                () -> new ComfyUiImageEngine(client, templates)
                        .characterSheet(new CharacterSheetRequest(MIRA, 0, 512, 512), (f, m) -> {}));
        assertTrue(
                e.getMessage().contains("node 4 (CheckpointLoaderSimple)")
                        && e.getMessage().contains("HeaderTooLarge"),
                e.getMessage());
    }

    @Test
    void nodeErrorsFromPromptAreExplained() {
        fake.http.on(
                "POST /prompt",
                r -> Reply.json(
                        400,
                        "{\"error\":{\"type\":\"prompt_outputs_failed_validation\","
                                + "\"message\":\"Prompt outputs failed validation\",\"details\":\"\",\"extra_info\":{}},"
                                + "\"node_errors\":{\"4\":{\"errors\":[{\"type\":\"value_not_in_list\",\"message\":\"Value not in list\","
                                + "\"details\":\"ckpt_name: 'sd_xl_base_1.0.safetensors' not in ['dreamshaper_8.safetensors']\",\"extra_info\":{}}],"
                                + "\"dependent_outputs\":[\"9\"],\"class_type\":\"CheckpointLoaderSimple\"}}}"));
        StudioException e = assertThrows(
                StudioException.class,
                () -> new ComfyUiImageEngine(client, templates)
                        .characterSheet(new CharacterSheetRequest(MIRA, 0, 512, 512), (f, m) -> {}));
        assertTrue(
                e.getMessage().contains("node 4 (CheckpointLoaderSimple): Value not in list")
                        && e.getMessage().contains("dreamshaper_8"),
                e.getMessage());
        assertEquals(1, fake.http.requests("/prompt").size(), "a 400 is not retried");
    }

    @Test
    void executionInterruptedOnTheServerIsReported() {
        fake.script = (conn, id) -> FakeComfyUi.send(
                conn,
                "execution_interrupted",
                "{\"prompt_id\":\"" + id + "\",\"node_id\":\"3\",\"node_type\":\"KSampler\",\"executed\":[]}");
        StudioException e = assertThrows(
                StudioException.class,
                () -> new ComfyUiImageEngine(client, templates)
                        .characterSheet(new CharacterSheetRequest(MIRA, 0, 512, 512), (f, m) -> {}));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    }

    @Test
    void cancellingCallsInterruptWithThePromptId() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        fake.script = (conn, id) -> {
            FakeComfyUi.send(conn, "progress", "{\"value\":1,\"max\":20,\"prompt_id\":\"" + id + "\",\"node\":\"3\"}");
            running.countDown();
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                new ComfyUiImageEngine(client, templates)
                        .characterSheet(new CharacterSheetRequest(MIRA, 0, 512, 512), (f, m) -> {});
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        assertTrue(running.await(3, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(3000);
        assertInstanceOf(GenerationCancelledException.class, thrown.get());
        var interrupts = fake.http.requests("/interrupt");
        assertEquals(1, interrupts.size());
        assertEquals(
                "{\"prompt_id\":\"" + fake.lastPromptId + "\"}",
                interrupts.get(0).text());
        assertEquals(
                "{\"delete\":[\"" + fake.lastPromptId + "\"]}",
                fake.http.requests("/queue").get(0).text());
    }

    @Test
    void finishesThroughHistoryWhenTheWebSocketIsUnavailable() throws Exception {
        fake.ws.stop(100);
        fake.http.on("POST /prompt", r -> {
            fake.history.put("p-1", FakeComfyUi.historyWith("9", "images", "a.png", false));
            return Reply.json(200, "{\"prompt_id\":\"p-1\",\"number\":0,\"node_errors\":{}}");
        });
        byte[] png = TestImages.png(0x0000ff);
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/png", png));
        GeneratedImage img = new ComfyUiImageEngine(client, templates)
                .characterSheet(new CharacterSheetRequest(MIRA, 0, 64, 64), (f, m) -> {});
        assertArrayEquals(png, img.bytes());
    }

    @Test
    void videoFromAnAnimatedPngBecomesAnH264ClipSpreadOverTheScene() throws Exception {
        int[] colours = {0xc03020, 0x30a040, 0x2040c0};
        byte[] apng = TestImages.apng(96, 64, 12, colours);
        fake.script = (conn, id) -> {
            fake.history.put(id, FakeComfyUi.historyWith("7", "images", "cinboard_clip_00001_.png", true));
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\"}");
        };
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/png", apng));
        Path kf = tmp.resolve("kf0.png");
        Files.write(kf, TestImages.png(0x777777));
        Path out = tmp.resolve("scene-1.mp4");
        GeneratedClip clip = new ComfyUiVideoEngine(client, templates)
                .clip(new ClipRequest(List.of(kf), List.of(0.0), 3.0, 160, 90, 12, null, out), (f, m) -> {});

        assertEquals(out, clip.file());
        MediaInfo info = MediaProbe.probeAndDecode(out);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(160, info.width());
        assertEquals(3.0, info.durationSeconds(), 0.1, "the scene's length, not the server's 3 frames");
        assertEquals(36, info.decodedFrames());
        try (FrameExtractor frames = new FrameExtractor(out)) {
            // 3 source frames over 3 s: each holds a second, in order.
            for (int i = 0; i < colours.length; i++) {
                int seen = frames.frameAt(i + 0.5).getRGB(80, 45) & 0xFFFFFF;
                assertTrue(TestImages.near(seen, colours[i], 24), "second " + i + ": " + Integer.toHexString(seen));
            }
        }
        assertEquals("apng", clip.generationParams().get("source"));
        assertTrue(Files.notExists(tmp.resolve("scene-1.comfyui.apng")), "the download is removed");
        assertArrayEquals(
                Files.readAllBytes(kf),
                uploadedImage(fake.http.requests("/upload/image").get(0)));
        JsonNode wf = fake.lastWorkflow;
        assertEquals("SaveAnimatedPNG", wf.path("7").path("class_type").asText());
        assertEquals(25, wf.path("3").path("inputs").path("video_frames").asInt(), "36 frames capped at 25");
        assertEquals(12, wf.path("7").path("inputs").path("fps").asInt());
    }

    @Test
    void videoAsStillFramesIsEncodedInOrder() throws Exception {
        fake.script = (conn, id) -> {
            var h = FakeComfyUi.historyWith("9", "images", "f_00001_.png", false);
            ((com.fasterxml.jackson.databind.node.ArrayNode)
                            h.path("outputs").path("9").path("images"))
                    .addObject()
                    .put("filename", "f_00002_.png")
                    .put("subfolder", "")
                    .put("type", "output");
            fake.history.put(id, h);
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\"}");
        };
        fake.http.on(
                "GET /view",
                r -> Reply.bytes(
                        200, "image/png", TestImages.png(32, 32, r.query().contains("00001") ? 0xd02020 : 0x2020d0)));
        Path kf = tmp.resolve("kf0.png");
        Files.write(kf, TestImages.png(0x777777));
        Path out = tmp.resolve("s2.mp4");
        new ComfyUiVideoEngine(client, templates)
                .clip(new ClipRequest(List.of(kf), List.of(0.0), 2.0, 64, 64, 8, null, out), (f, m) -> {});
        try (FrameExtractor frames = new FrameExtractor(out)) {
            assertTrue(TestImages.near(frames.frameAt(0.2).getRGB(32, 32) & 0xFFFFFF, 0xd02020, 24));
            assertTrue(TestImages.near(frames.frameAt(1.7).getRGB(32, 32) & 0xFFFFFF, 0x2020d0, 24));
        }
        assertEquals(2.0, MediaProbe.probe(out).durationSeconds(), 0.1);
        assertTrue(Files.notExists(tmp.resolve("s2.frames")));
    }

    @Test
    void animatedWebpIsRefusedWithWhatToChangeAndLeavesNoClip() throws Exception {
        fake.script = (conn, id) -> {
            fake.history.put(id, FakeComfyUi.historyWith("7", "images", "clip_00001_.webp", true));
            FakeComfyUi.send(conn, "execution_success", "{\"prompt_id\":\"" + id + "\"}");
        };
        fake.http.on("GET /view", r -> Reply.bytes(200, "image/webp", "RIFF\0\0\0\0WEBPVP8X-animated".getBytes()));
        Path kf = tmp.resolve("kf0.png");
        Files.write(kf, TestImages.png(0x777777));
        Path out = tmp.resolve("s3.mp4");
        StudioException e = assertThrows(
                StudioException.class,
                () -> new ComfyUiVideoEngine(client, templates)
                        .clip(new ClipRequest(List.of(kf), List.of(0.0), 1.0, 64, 64, 8, null, out), (f, m) -> {}));
        assertTrue(e.getMessage().contains("SaveAnimatedPNG"), e.getMessage());
        assertTrue(Files.notExists(out));
    }

    /** The file part of a multipart upload. */
    static byte[] uploadedImage(ai.cinboard.generation.remote.FakeHttpServer.Recorded upload) {
        return FakeComfyUi.uploadedFile(upload.body(), upload.header("Content-Type"));
    }

    @Test
    void listsCheckpointsFromObjectInfo() {
        fake.http.on(
                "GET /object_info/CheckpointLoaderSimple",
                r -> Reply.json(
                        200,
                        "{\"CheckpointLoaderSimple\":{\"input\":{\"required\":{\"ckpt_name\":[[\"a.safetensors\",\"b.ckpt\"],{}]}}}}"));
        assertEquals(List.of("a.safetensors", "b.ckpt"), client.listCheckpoints());
    }

    @Test
    void previewFrameParsing() {
        assertArrayEquals(new byte[] {9, 8}, ComfyUiClient.previewImage(new byte[] {0, 0, 0, 1, 0, 0, 0, 2, 9, 8}));
        assertArrayEquals(new byte[] {7}, ComfyUiClient.previewImage(new byte[] {0, 0, 0, 3, 0, 0, 0, 2, '{', '}', 7}));
        assertEquals(null, ComfyUiClient.previewImage(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 1}));
    }
}
