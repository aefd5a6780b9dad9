package ai.cinboard.generation.comfyui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowTemplatesTest {
    static final Path SHIPPED = Path.of("assets/comfyui");

    static Map<String, Object> values(String prompt) {
        Map<String, Object> v = new HashMap<>(ComfyUiImageEngine.baseValues(
                ComfyUiSettings.of(java.net.URI.create("http://x"), List.of()), prompt, 4_000_000_000L, 768, 432, "t"));
        v.put("reference_image", "cinboard/ref.png");
        v.put("frames", 14);
        v.put("fps", 7);
        return v;
    }

    @Test
    void injectionStaysInsideTheString() {
        String evil = "a \"quoted\" word, a back\\slash\\\", \"ckpt_name\": \"evil.ckpt\"} {{seed}} \u2028 end";
        JsonNode wf = new WorkflowTemplates(List.of(SHIPPED)).fill("txt2img", values(evil));
        assertEquals(evil, wf.path("6").path("inputs").path("text").asText());
        assertEquals(
                "sd_xl_base_1.0.safetensors",
                wf.path("4").path("inputs").path("ckpt_name").asText());
        assertEquals(7, wf.size(), "no node was added");
    }

    @Test
    void numbersStayNumbers() {
        JsonNode wf = new WorkflowTemplates(List.of(SHIPPED)).fill("txt2img", values("p"));
        JsonNode k = wf.path("3").path("inputs");
        assertTrue(k.path("seed").isIntegralNumber());
        assertEquals(4_000_000_000L, k.path("seed").asLong());
        assertTrue(k.path("cfg").isFloatingPointNumber());
        assertTrue(wf.path("5").path("inputs").path("width").isInt());
        assertEquals(
                "cinboard/t",
                wf.path("9").path("inputs").path("filename_prefix").asText());
    }

    @Test
    void everyShippedTemplateFillsCompletely() {
        WorkflowTemplates t = new WorkflowTemplates(List.of(SHIPPED));
        for (String name :
                List.of(WorkflowTemplates.TXT2IMG, WorkflowTemplates.IMG2IMG_REFERENCE, WorkflowTemplates.IMG2VID)) {
            String text = t.fill(name, values("p")).toString();
            assertTrue(!text.contains("{{"), name + " left a placeholder: " + text);
        }
        JsonNode vid = t.fill(WorkflowTemplates.IMG2VID, values("p"));
        assertEquals(14, vid.path("3").path("inputs").path("video_frames").asInt());
        assertEquals(
                "cinboard/ref.png", vid.path("2").path("inputs").path("image").asText());
    }

    @Test
    void embeddedAndUnknownPlaceholders(@TempDir Path user) throws Exception {
        Files.writeString(
                user.resolve("txt2img.json"),
                "{\"1\":{\"class_type\":\"X\",\"inputs\":{\"name\":\"run_{{seed}}_{{width}}\",\"n\":{{height}}}}}");
        Files.writeString(
                user.resolve("img2vid.json"), "{\"1\":{\"class_type\":\"X\",\"inputs\":{\"m\":\"{{motion}}\"}}}");
        WorkflowTemplates t = new WorkflowTemplates(List.of(user, SHIPPED));
        JsonNode wf = t.fill("txt2img", values("p"));
        assertEquals(
                "run_4000000000_768", wf.path("1").path("inputs").path("name").asText(), "user template wins");
        assertEquals(432, wf.path("1").path("inputs").path("n").asInt());
        StudioException e = assertThrows(StudioException.class, () -> t.fill("img2vid", values("p")));
        assertTrue(e.getMessage().contains("[motion]"), e.getMessage());
        assertEquals(
                "sd_xl_base_1.0.safetensors",
                t.fill("img2img_reference", values("p"))
                        .path("4")
                        .path("inputs")
                        .path("ckpt_name")
                        .asText(),
                "falls back to the shipped template");
    }

    @Test
    void placeholderTextInsideStringsIsNotRequoted() {
        assertEquals(
                "{\"a\":\"{{x}}\",\"b\":\"{{y}}\",\"c\":\"q\\\"{{z}}\"}",
                WorkflowTemplates.quoteBarePlaceholders("{\"a\":{{x}},\"b\":\"{{y}}\",\"c\":\"q\\\"{{z}}\"}"));
    }
}
