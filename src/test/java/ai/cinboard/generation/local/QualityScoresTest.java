package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.Wav;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QualityScoresTest {
    final LocalImageEngine engine = new LocalImageEngine();

    static BufferedImage decode(GeneratedImage g) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(g.bytes()));
    }

    static Rectangle rect(Object o) {
        List<?> l = (List<?>) o;
        return new Rectangle((Integer) l.get(0), (Integer) l.get(1), (Integer) l.get(2), (Integer) l.get(3));
    }

    @Test
    void flatImageScoresLowAndADrawnPanelHigh() throws Exception {
        BufferedImage flat = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        var g = flat.getGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 160, 90);
        assertEquals(new BigDecimal("0.00"), QualityScores.keyframe(flat, null, null, null));
        GeneratedImage kf = engine.keyframe(
                new KeyframeRequest(
                        "EXT. CITY - DAY",
                        "",
                        "",
                        "",
                        "",
                        "Caption",
                        "en",
                        ShotType.WIDE,
                        List.of(new CharacterLook("A", "", "k1", null)),
                        1,
                        320,
                        180),
                Progress.NONE);
        BigDecimal s = QualityScores.keyframe(decode(kf), null, null, null);
        assertTrue(s.compareTo(new BigDecimal("0.60")) > 0, "drawn panel " + s);
        assertEquals(2, s.scale());
    }

    @Test
    void keyframeIsMoreConsistentWithItsOwnCharactersReference() throws Exception {
        // close-ups of one character, scored against that character's sheet and against other characters' sheets
        String[] keys = {"char:mara:7f3a", "char:ivan:11c0", "char:yuki:9d42", "char:omar:5b18"};
        int better = 0;
        for (String own : keys) {
            GeneratedImage kf = engine.keyframe(
                    new KeyframeRequest(
                            "EXT. PARK - DAY",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "en",
                            ShotType.MEDIUM,
                            List.of(new CharacterLook("X", "", own, null)),
                            5,
                            320,
                            180),
                    Progress.NONE);
            Rectangle region = rect(((List<?>) kf.generationParams().get("head_regions")).get(0));
            BufferedImage img = decode(kf);
            double ownScore = QualityScores.keyframe(
                            img, region, sheet(own), LocalImageEngine.sheetHeadRegion(own, 256, 384))
                    .doubleValue();
            double othersBest = 0;
            for (String other : keys) {
                if (!other.equals(own)) {
                    othersBest = Math.max(
                            othersBest,
                            QualityScores.keyframe(
                                            img,
                                            region,
                                            sheet(other),
                                            LocalImageEngine.sheetHeadRegion(other, 256, 384))
                                    .doubleValue());
                }
            }
            if (ownScore > othersBest) {
                better++;
            }
        }
        // pHash over small drawings is coarse; require the own reference to win for most characters
        assertTrue(better >= 3, "own reference scored best for only " + better + " of 4");
    }

    BufferedImage sheet(String key) throws Exception {
        return decode(engine.characterSheet(
                new CharacterSheetRequest(new CharacterLook("X", "", key, null), 0, 256, 384), Progress.NONE));
    }

    @Test
    void clipScoreNeedsDecodingAndTheRightLength() {
        MediaInfo good = new MediaInfo("h264", "aac", 3.0, 320, 180, 12, 36, 0, true);
        MediaInfo longer = new MediaInfo("h264", "aac", 3.4, 320, 180, 12, 41, 0, true);
        MediaInfo broken = new MediaInfo("h264", "aac", 3.0, 320, 180, 12, 10, 3, true);
        assertEquals(new BigDecimal("1.00"), QualityScores.clip(good, 3.0));
        assertTrue(QualityScores.clip(longer, 3.0).compareTo(QualityScores.clip(good, 3.0)) < 0);
        assertEquals(new BigDecimal("0.00"), QualityScores.clip(broken, 3.0));
    }

    @Test
    void voiceoverScorePenalisesQuietAndClippedAudio() {
        assertEquals(new BigDecimal("0.00"), QualityScores.voiceover(Wav.silence(2, 22050, 1)));
        Wav speechLevel = tone(0.15); // about -20 LUFS
        Wav whisper = tone(0.003); // about -54 LUFS
        short[] clipped = tone(1.0).samples().clone();
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = (short) Math.max(-32768, Math.min(32767, clipped[i] * 3));
        }
        BigDecimal good = QualityScores.voiceover(speechLevel);
        assertTrue(good.compareTo(new BigDecimal("0.95")) >= 0, "speech level " + good);
        assertTrue(QualityScores.voiceover(whisper).compareTo(good) < 0);
        assertTrue(QualityScores.voiceover(new Wav(clipped, 22050, 1)).compareTo(new BigDecimal("0.40")) <= 0);
    }

    static Wav tone(double amp) {
        short[] s = new short[22050 * 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amp * 32767 * Math.sin(2 * Math.PI * 220 * i / 22050.0));
        }
        return new Wav(s, 22050, 1);
    }
}
