package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.comfyui.FakeComfyUi;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.TestImages;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole renders with each remote engine against its fake server, configured the way a user does it (environment
 * names over a studio home). Every fake answer is distinct (its colour, or its tone, follows the request), so the
 * stored rows can be traced back to the exact request that made them: the characters', keyframes' and
 * voiceovers' media are the server's, the clips show the server's pictures, and the requests carried the
 * consistency seed, the character's prompt block and, where the API takes one, the character's reference image.
 */
class RemoteEnginesRenderTest {
    private static final String KEY = "sk-e2e-0123456789abcdefSECRET";

    /** One image request a fake answered: what it was asked, and the reference image it was given (or null). */
    record ImageCall(String endpoint, String prompt, long seed, byte[] reference) {}

    private final Map<String, ImageCall> servedImages = new ConcurrentHashMap<>();
    private final Set<String> servedSpeech = ConcurrentHashMap.newKeySet();

    private byte[] serveImage(String endpoint, String prompt, long seed, byte[] reference) {
        byte[] png = TestImages.png(48, 32, TestImages.colourFor(endpoint + "|" + prompt + "|" + seed));
        servedImages.put(TestImages.sha256Hex(png), new ImageCall(endpoint, prompt, seed, reference));
        return png;
    }

    // ------------------------------------------------------------------ OpenAI-compatible, through the CLI

    @Test
    void openAiImageSpeechAndTextRenderThroughTheCli(@TempDir Path dir) throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            Map<String, byte[]> files = new ConcurrentHashMap<>();
            AtomicInteger translations = new AtomicInteger();
            server.on("POST /v1/chat/completions", r -> {
                JsonNode body = Json.MAPPER.readTree(r.body());
                String user = body.path("messages").path(1).path("content").asText();
                ObjectNode answer = Json.object();
                answer.put("translation", "[de] " + user);
                translations.incrementAndGet();
                ObjectNode root = Json.object();
                root.putArray("choices")
                        .addObject()
                        .put("index", 0)
                        .put("finish_reason", "stop")
                        .putObject("message")
                        .put("role", "assistant")
                        .put("content", answer.toString());
                return Reply.json(200, root.toString());
            });
            server.on("POST /v1/images/generations", r -> {
                JsonNode body = Json.MAPPER.readTree(r.body());
                long seed = body.path("seed").asLong();
                byte[] png = serveImage("generations", body.path("prompt").asText(), seed, null);
                ObjectNode root = Json.object();
                ObjectNode item = root.putArray("data").addObject();
                if (seed % 2 == 0) {
                    item.put("b64_json", Base64.getEncoder().encodeToString(png));
                } else {
                    // Both answer shapes the API has: odd seeds come back as a URL to download.
                    String name = TestImages.sha256Hex(png) + ".png";
                    files.put(name, png);
                    item.put("url", server.uri("/files/" + name).toString());
                }
                return Reply.json(200, root.toString());
            });
            server.on(
                    "GET /files/*",
                    r -> Reply.bytes(200, "image/png", files.get(r.path().substring(7))));
            server.on("POST /v1/images/edits", r -> {
                byte[] png = serveImage(
                        "edits",
                        multipartField(r, "prompt"),
                        Long.parseLong(multipartField(r, "seed")),
                        FakeComfyUi.uploadedFile(r.body(), r.header("Content-Type")));
                return Reply.json(
                        200, "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png) + "\"}]}");
            });
            server.on("POST /v1/audio/speech", r -> {
                JsonNode body = Json.MAPPER.readTree(r.body());
                byte[] wav = tone(body.path("input").asText());
                servedSpeech.add(TestImages.sha256Hex(wav));
                return Reply.bytes(200, "audio/wav", wav);
            });

            Map<String, String> env = TestStudios.environment(dir.resolve("home"));
            env.put("CINBOARD_IMAGE_ENGINE", "openai");
            env.put("CINBOARD_SPEECH_ENGINE", "openai");
            env.put("CINBOARD_TEXT_ENGINE", "openai");
            env.put("CINBOARD_OPENAI_BASE_URL", server.uri("/v1").toString());
            env.put("CINBOARD_OPENAI_API_KEY", KEY);
            env.put("CINBOARD_OPENAI_IMAGE_MODEL", "sd-turbo");
            env.put("CINBOARD_OPENAI_SPEECH_MODEL", "kokoro");
            env.put("CINBOARD_OPENAI_VOICE", "af_bella");
            env.put("CINBOARD_OPENAI_CHAT_MODEL", "llama3.2");
            // Image prompts in German: the chat model translates each one (the story is English).
            env.put("CINBOARD_TRANSLATE_TO", "de");
            Path story = Files.write(dir.resolve("ferry.fountain"), TestStudios.story("ferry.fountain"));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = StudioCommand.run(
                    env,
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "render",
                    story.toString(),
                    "--resolution",
                    "320x180",
                    "--fps",
                    "12",
                    "--json");
            assertEquals(0, exit, err.toString());
            assertFalse((out + "" + err).contains(KEY), "the API key is never printed");
            int recordId =
                    Json.MAPPER.readTree(out.toString()).path("inputRecordId").asInt();

            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                Project p =
                        new ProjectRepository(studio.database()).load(recordId).orElseThrow();
                assertCharactersAreTheServers(studio, p);
                assertKeyframesAreTheServers(studio, p, true);
                for (KeyframeImage ki : p.keyframeImages()) {
                    assertTrue(
                            servedImages
                                    .get(TestImages.sha256Hex(read(studio, ki.imageUrl())))
                                    .prompt()
                                    .contains("[de] "),
                            "the keyframe prompt went through the chat model's translation");
                }
                assertClipsShowTheKeyframes(studio, p);
                assertFinalVideo(studio, p);

                Voiceover v = p.voiceovers().stream()
                        .max(Comparator.comparing(Voiceover::id))
                        .orElseThrow();
                assertEquals("openai", v.voiceSettings().get("engine"));
                assertEquals("kokoro", v.voiceSettings().get("model"));
                assertEquals("af_bella", v.voiceSettings().get("voice"));
                List<?> segments = (List<?>) v.voiceSettings().get("segments");
                assertEquals(p.scenes().size(), segments.size());
                for (Object o : segments) {
                    String url = (String) ((Map<?, ?>) o).get("url");
                    assertTrue(
                            servedSpeech.contains(TestImages.sha256Hex(read(studio, url))),
                            "each scene's voice is the WAV the server sent");
                }
                assertEquals(v.id(), p.finalVideos().get(0).voiceoverId());
            }
            assertTrue(translations.get() >= 2, "the story at intake, then the keyframe prompts");
            for (FakeHttpServer.Recorded r : server.requests()) {
                if (r.path().startsWith("/v1/")) {
                    assertEquals("Bearer " + KEY, r.header("Authorization"), r.path());
                }
            }
            assertTrue(server.requests("/v1/audio/speech").stream()
                    .allMatch(r -> r.text().contains("\"model\":\"kokoro\"")));
        }
    }

    @Test
    void theChatModelSplitsProseAndTheRenderFollowsItsScenes(@TempDir Path dir) throws Exception {
        // The model splits where rules would not: its second scene opens with the harbour dialogue.
        String harbour = "Mara waited at the harbour gate while the rain came down. She held the letter tight.";
        String lighthouse = "\"You are late,\" Mara said when Tomas finally arrived.\n\n"
                + "Later, in the lighthouse, Tomas lit the lamp. The beam swept over the black water.\n\n"
                + "\"It will guide her home,\" Tomas said.";
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.on("POST /v1/chat/completions", r -> {
                JsonNode body = Json.MAPPER.readTree(r.body());
                assertEquals(
                        "scene_breakdown",
                        body.path("response_format")
                                .path("json_schema")
                                .path("name")
                                .asText());
                ObjectNode answer = Json.object();
                var scenes = answer.putArray("scenes");
                scenes.addObject()
                        .put("heading", "EXT. HARBOUR GATE - NIGHT")
                        .put("location", "harbour gate")
                        .put("time_of_day", "night")
                        .put("text", harbour)
                        .putArray("characters")
                        .add("Mara");
                scenes.addObject()
                        .put("heading", "INT. LIGHTHOUSE - NIGHT")
                        .put("location", "lighthouse")
                        .put("time_of_day", "night")
                        .put("text", lighthouse)
                        .putArray("characters")
                        .add("Mara")
                        .add("Tomas");
                var cast = answer.putArray("characters");
                cast.addObject().put("name", "Mara").put("description", "a courier in a rain-soaked coat");
                cast.addObject().put("name", "Tomas").put("description", "the lighthouse keeper");
                ObjectNode root = Json.object();
                root.putArray("choices")
                        .addObject()
                        .put("index", 0)
                        .put("finish_reason", "stop")
                        .putObject("message")
                        .put("role", "assistant")
                        .put("content", answer.toString());
                return Reply.json(200, root.toString());
            });
            Path home = dir.resolve("home");
            Map<String, String> env = TestStudios.environment(home);
            env.put("CINBOARD_TEXT_ENGINE", "openai");
            env.put("CINBOARD_OPENAI_BASE_URL", server.uri("/v1").toString());
            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                var intake = studio.intake()
                        .run(
                                new StoryInput(
                                        (harbour + "\n\n" + lighthouse)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        "harbour.txt",
                                        studio.localUserId(),
                                        null,
                                        null,
                                        "test"),
                                PhaseListener.NONE);
                assertEquals("llm", intake.breakdown().method());
                int id = intake.projectId();
                studio.render(TestStudios.smallRender(home))
                        .run(id, ai.cinboard.pipeline.RenderPlan.MISSING_ONLY, PhaseListener.NONE);
                Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
                assertEquals(
                        List.of("EXT. HARBOUR GATE - NIGHT", "INT. LIGHTHOUSE - NIGHT"),
                        p.scenes().stream().map(Scene::heading).toList());
                assertEquals(
                        Set.of("a courier in a rain-soaked coat", "the lighthouse keeper"),
                        p.characters().stream()
                                .map(Character::characterDescription)
                                .collect(Collectors.toSet()));
                Scene second = p.scenes().get(1);
                String secondKeyframes = p.keyframes().stream()
                        .filter(k -> k.sceneId().equals(second.id()))
                        .map(Keyframe::keyframeDescription)
                        .collect(Collectors.joining(" | "));
                assertTrue(
                        secondKeyframes.contains("You are late") && secondKeyframes.contains("guide her home"),
                        "the render's lines are the model's scene, not a rules split: " + secondKeyframes);
                String firstKeyframes = p.keyframes().stream()
                        .filter(k -> k.sceneId().equals(p.scenes().get(0).id()))
                        .map(Keyframe::keyframeDescription)
                        .collect(Collectors.joining(" | "));
                assertFalse(firstKeyframes.contains("You are late"), firstKeyframes);
                assertFinalVideo(studio, p);
            }
            assertEquals(1, server.requests("/v1/chat/completions").size(), "the model is asked once, at intake");
        }
    }

    private static String multipartField(FakeHttpServer.Recorded r, String name) {
        String text = new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int start = text.indexOf("name=\"" + name + "\"\r\n\r\n") + name.length() + 11;
        return new String(
                r.body(), start, text.indexOf("\r\n--", start) - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A mono PCM16 WAV whose tone and length follow the text, so each answer is distinct. */
    static byte[] tone(String text) {
        int rate = 22050;
        int samples = (int) (rate * (0.4 + 0.02 * Math.min(100, text.length())));
        double hz = 180 + Math.floorMod(text.hashCode(), 400);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return b.array();
    }

    // ------------------------------------------------------------------ ComfyUI: images and video

    @Test
    void comfyUiImagesAndVideoRenderTheStory(@TempDir Path dir) throws Exception {
        Map<String, byte[]> views = new ConcurrentHashMap<>();
        Map<String, int[]> clipColoursByKeyframe = new ConcurrentHashMap<>();
        try (FakeComfyUi fake = new FakeComfyUi()) {
            fake.instantRun = (id, wf) -> {
                JsonNode sampler = node(wf, "KSampler");
                long seed = sampler.path("inputs").path("seed").asLong();
                JsonNode load = node(wf, "LoadImage");
                byte[] reference = load == null
                        ? null
                        : fake.uploads.get(
                                load.path("inputs").path("image").asText().replaceFirst("^cinboard/", ""));
                if (node(wf, "SVD_img2vid_Conditioning") != null) {
                    int[] colours = {
                        TestImages.colourFor("clip0|" + seed),
                        TestImages.colourFor("clip1|" + seed),
                        TestImages.colourFor("clip2|" + seed)
                    };
                    clipColoursByKeyframe.put(TestImages.sha256Hex(reference), colours);
                    String name = "clip_" + id + ".png";
                    views.put(name, TestImages.apng(64, 36, 8, colours));
                    return FakeComfyUi.historyWith("7", "images", name, true);
                }
                String positive =
                        sampler.path("inputs").path("positive").path(0).asText();
                String prompt = wf.path(positive).path("inputs").path("text").asText();
                String name = "img_" + id + ".png";
                views.put(name, serveImage(load == null ? "txt2img" : "img2img", prompt, seed, reference));
                return FakeComfyUi.historyWith("9", "images", name, false);
            };
            fake.http.on("GET /view", r -> {
                String name = r.query().replaceAll(".*filename=([^&]*).*", "$1");
                return Reply.bytes(200, "image/png", views.get(name));
            });

            Path home = dir.resolve("home");
            Map<String, String> env = TestStudios.environment(home);
            env.put("CINBOARD_IMAGE_ENGINE", "comfyui");
            env.put("CINBOARD_VIDEO_ENGINE", "comfyui");
            env.put("CINBOARD_COMFYUI_URL", fake.baseUrl().toString());
            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                Project p = renderStory(studio, home);
                assertCharactersAreTheServers(studio, p);
                assertKeyframesAreTheServers(studio, p, true);
                for (VideoClip clip : p.clips()) {
                    assertEquals("comfyui", clip.generationParams().get("engine"));
                    byte[] first = read(studio, firstKeyframe(p, clip.sceneId()).imageUrl());
                    int[] colours = clipColoursByKeyframe.get(TestImages.sha256Hex(first));
                    assertNotNull(colours, "the clip was made from its scene's first keyframe");
                    try (FrameExtractor frames = new FrameExtractor(local(studio, clip.videoUrl()))) {
                        double length = frames.durationSeconds();
                        assertEquals(clip.durationSeconds(), length, 0.6);
                        assertNear(colours[0], frames.frameAt(0.05), "clip start shows the server's first frame");
                        assertNear(colours[2], frames.frameAt(length - 0.1), "clip end shows its last frame");
                    }
                }
                assertFinalVideo(studio, p);
            }
        }
    }

    private static JsonNode node(JsonNode workflow, String classType) {
        for (JsonNode n : workflow) {
            if (classType.equals(n.path("class_type").asText())) {
                return n;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ Automatic1111

    @Test
    void automatic1111RendersTheStoryWithReferencesForItsCharactersAndLivePreviews(@TempDir Path dir) throws Exception {
        byte[] livePreview = TestImages.png(16, 16, 0x123456);
        AtomicInteger requests = new AtomicInteger();
        try (FakeHttpServer server = new FakeHttpServer()) {
            for (String endpoint : List.of("txt2img", "img2img")) {
                server.on("POST /sdapi/v1/" + endpoint, r -> {
                    JsonNode body = Json.MAPPER.readTree(r.body());
                    JsonNode init = body.path("init_images").path(0);
                    byte[] png = serveImage(
                            endpoint,
                            body.path("prompt").asText(),
                            body.path("seed").asLong(),
                            init.isMissingNode() ? null : Base64.getDecoder().decode(init.asText()));
                    Reply reply = Reply.json(
                            200,
                            "{\"images\":[\"" + Base64.getEncoder().encodeToString(png)
                                    + "\"],\"parameters\":{},\"info\":\"{}\"}");
                    // The first image takes long enough for the progress poll to see its live preview.
                    return requests.getAndIncrement() == 0 ? reply.delayed(1800) : reply;
                });
            }
            server.on(
                    "GET /sdapi/v1/progress",
                    r -> Reply.json(
                            200,
                            "{\"progress\":0.5,\"eta_relative\":0.1,"
                                    + "\"state\":{\"job_count\":1,\"sampling_step\":5,\"sampling_steps\":10},\"current_image\":\""
                                    + Base64.getEncoder().encodeToString(livePreview) + "\",\"textinfo\":null}"));
            Path home = dir.resolve("home");
            Map<String, String> env = TestStudios.environment(home);
            env.put("CINBOARD_IMAGE_ENGINE", "a1111");
            env.put("CINBOARD_A1111_URL", server.uri("").toString());
            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                int id = studio.intake()
                        .run(
                                new StoryInput(
                                        TestStudios.story("ferry.fountain"),
                                        "ferry.fountain",
                                        studio.localUserId(),
                                        null,
                                        null,
                                        "test"),
                                PhaseListener.NONE)
                        .projectId();
                List<String> previewsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
                String jobId;
                try (GenerationJobs jobs = new GenerationJobs(
                        studio.database(),
                        () -> studio.render(TestStudios.smallRender(home)),
                        1,
                        studio.localRenders(TestStudios.smallRender(home)))) {
                    jobs.subscribePreviews((job, image) -> previewsSeen.add(job + " " + TestImages.sha256Hex(image)));
                    jobId = jobs.render(id, "Render the ferry");
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
                    while (!jobs.listJobs().get(0).status().isFinished() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertEquals(
                            ai.cinboard.domain.PhaseStatus.COMPLETED,
                            jobs.listJobs().get(0).status());
                    assertEquals(java.util.Optional.empty(), jobs.latestPreview(jobId), "no preview once finished");
                }
                assertTrue(
                        previewsSeen.contains(jobId + " " + TestImages.sha256Hex(livePreview)),
                        "the engine's live preview reached the job: " + previewsSeen);
                Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
                assertCharactersAreTheServers(studio, p);
                assertKeyframesAreTheServers(studio, p, true);
                assertClipsShowTheKeyframes(studio, p);
                assertFinalVideo(studio, p);
            }
            assertFalse(server.requests("/sdapi/v1/img2img").isEmpty());
        }
    }

    // ------------------------------------------------------------------ shared checks

    private static Project renderStory(Studio studio, Path home) {
        int id = studio.intake()
                .run(
                        new StoryInput(
                                TestStudios.story("ferry.fountain"),
                                "ferry.fountain",
                                studio.localUserId(),
                                null,
                                null,
                                "test"),
                        PhaseListener.NONE)
                .projectId();
        studio.render(TestStudios.smallRender(home))
                .run(id, ai.cinboard.pipeline.RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    /** Each character's reference and sheet images are what the server sent for that character's own seed and prompt. */
    private void assertCharactersAreTheServers(Studio studio, Project p) {
        assertEquals(2, p.characters().size());
        for (Character c : p.characters()) {
            CharacterLook look =
                    new CharacterLook(c.characterName(), c.characterDescription(), c.consistencyKey(), null);
            ImageCall call = servedImages.get(TestImages.sha256Hex(read(studio, c.imageUrl())));
            assertNotNull(call, c.characterName() + "'s image is one the server sent");
            assertEquals(Consistency.characterSheetSeed(look, 0), call.seed(), "the consistency key fixes the seed");
            assertEquals(Consistency.seed(c.consistencyKey()), call.seed());
            assertEquals(Consistency.characterSheetPrompt(look, 0), call.prompt());
            List<CharacterImage> sheets = p.characterImages().stream()
                    .filter(i -> i.characterId().equals(c.id()))
                    .toList();
            assertEquals(3, sheets.size());
            for (CharacterImage sheet : sheets) {
                assertNotNull(servedImages.get(TestImages.sha256Hex(read(studio, sheet.imageUrl()))));
            }
        }
    }

    /**
     * Every keyframe image is the server's answer to a prompt carrying the block of each character in the scene;
     * with {@code references}, keyframes with a character were made from that character's reference image.
     */
    private void assertKeyframesAreTheServers(Studio studio, Project p, boolean references) {
        Map<Integer, Character> characters = p.characters().stream().collect(Collectors.toMap(Character::id, c -> c));
        Map<Integer, List<Character>> castByScene = p.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId,
                        Collectors.mapping(sc -> characters.get(sc.characterId()), Collectors.toList())));
        Map<Integer, Keyframe> keyframes = p.keyframes().stream().collect(Collectors.toMap(Keyframe::id, k -> k));
        assertEquals(p.scenes().size() * 3, p.keyframeImages().size());
        int anchored = 0;
        for (KeyframeImage ki : p.keyframeImages()) {
            ImageCall call = servedImages.get(TestImages.sha256Hex(read(studio, ki.imageUrl())));
            assertNotNull(call, "keyframe image " + ki.id() + " is one the server sent");
            Keyframe kf = keyframes.get(ki.keyframeId());
            assertEquals(kf.imageUrl(), ki.imageUrl());
            assertEquals(((Number) ki.generationParams().get("seed")).longValue(), call.seed());
            List<Character> cast = castByScene.getOrDefault(kf.sceneId(), List.of());
            for (Character c : cast) {
                assertTrue(
                        call.prompt()
                                .contains(Consistency.characterBlock(new CharacterLook(
                                        c.characterName(), c.characterDescription(), c.consistencyKey(), null))),
                        "prompt names " + c.characterName());
            }
            if (!references) {
                continue;
            }
            if (cast.isEmpty()) {
                assertNull(call.reference());
            } else {
                assertArrayEquals(
                        read(studio, cast.get(0).imageUrl()),
                        call.reference(),
                        "the keyframe was made from " + cast.get(0).characterName() + "'s reference image");
                assertEquals(cast.get(0).consistencyKey(), ki.generationParams().get("reference_character"));
                anchored++;
            }
        }
        if (references) {
            assertTrue(anchored > 0);
        }
    }

    /** The offline video engine animates the server's keyframes: a clip opens on its first keyframe's colour. */
    private void assertClipsShowTheKeyframes(Studio studio, Project p) throws Exception {
        assertEquals(p.scenes().size(), p.clips().size());
        for (VideoClip clip : p.clips()) {
            int colour = TestImages.centre(
                    read(studio, firstKeyframe(p, clip.sceneId()).imageUrl()));
            try (FrameExtractor frames = new FrameExtractor(local(studio, clip.videoUrl()))) {
                assertNear(colour, frames.frameAt(0), "clip of scene " + clip.sceneId());
            }
        }
    }

    private static void assertFinalVideo(Studio studio, Project p) throws Exception {
        assertEquals(1, p.finalVideos().size());
        FinalVideo fv = p.finalVideos().get(0);
        Map<Integer, Integer> clipByScene =
                p.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, VideoClip::id));
        assertEquals(p.scenes().stream().map(s -> clipByScene.get(s.id())).toList(), fv.videoClipIds());
        MediaInfo info = MediaProbe.probeAndDecode(local(studio, fv.videoUrl()));
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertTrue(info.decodesCleanly());
        double scenes = p.scenes().stream()
                .map(Scene::durationSeconds)
                .mapToDouble(d -> d.doubleValue())
                .sum();
        assertTrue(
                info.durationSeconds() >= scenes - 0.5, info.durationSeconds() + " s for " + scenes + " s of scenes");
    }

    private static Keyframe firstKeyframe(Project p, int sceneId) {
        return p.keyframes().stream()
                .filter(k -> k.sceneId() == sceneId)
                .min(Comparator.comparing(Keyframe::sequence))
                .orElseThrow();
    }

    private static void assertNear(int expected, java.awt.image.BufferedImage frame, String what) {
        int seen = frame.getRGB(frame.getWidth() / 2, frame.getHeight() / 2) & 0xFFFFFF;
        assertTrue(
                TestImages.near(expected, seen, 28),
                what + ": expected ~" + Integer.toHexString(expected) + " but saw " + Integer.toHexString(seen));
    }

    private static byte[] read(Studio studio, String url) {
        try (InputStream in = studio.media().open(url)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path local(Studio studio, String url) throws java.io.IOException {
        Path file = Files.createTempFile("remote-e2e", ".mp4");
        file.toFile().deleteOnExit();
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
