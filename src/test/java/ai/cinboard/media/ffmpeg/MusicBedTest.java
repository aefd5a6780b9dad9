package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The music bed loops to length, fades, ducks under speech by the promised margin, and refuses bad files. */
class MusicBedTest {
    @TempDir
    Path dir;

    /** A 3 s loop of a chord with a pulse, encoded as MP3 by the bundled FFmpeg (libmp3lame). */
    static Path music(Path dir, String name) {
        Path out = dir.resolve(name);
        FfmpegTool.run(List.of(
                "-y",
                "-f",
                "lavfi",
                "-i",
                "aevalsrc=0.3*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))*(0.6+0.4*sin(2*PI*2*t)):s=44100:d=3",
                "-ac",
                "2",
                out.toString()));
        return out;
    }

    @Test
    void musicIsDuckedAtLeastTwelveLuUnderSpeech() {
        Path mp3 = music(dir, "bed.mp3");
        assertEquals(3.0, MusicBed.validate(mp3), 0.2);
        Wav voice = LoudnessTest.speechLike(16, 3);
        // a stretch with no speech at all in the middle, 4 s long
        short[] v = voice.samples();
        java.util.Arrays.fill(v, 6 * 48_000, 10 * 48_000, (short) 0);
        Wav music = MusicBed.decode(mp3, voice.durationSeconds(), 48_000, 1);
        assertEquals(voice.durationSeconds(), music.durationSeconds(), 0.01, "looped to the video's length");
        // faded in: the first 100 ms are much quieter than a second in
        assertTrue(music.fitTo(0.1).rmsDbfs() < cut(music, 2, 3).rmsDbfs() - 10);

        MusicBed.Mixed mixed = MusicBed.mix(voice, Wav.silence(voice.durationSeconds(), 48_000, 1), music);
        assertTrue(mixed.speechSpans().size() >= 2, "speech found before and after the pause");
        assertTrue(mixed.speechOverMusicLu() >= 12, "speech over ducked music " + mixed.speechOverMusicLu());

        // measured again from the normalised mix alone: speech stretches against music-only stretches
        Loudness.Normalized n = Loudness.normalize(mixed.mix(), -14);
        double speech = Loudness.measure(MusicBed.cut(n.audio(), mixed.speechSpans(), true))
                .integratedLufs();
        double musicOnly = Loudness.measure(cut(n.audio(), 7, 9)).integratedLufs();
        System.out.printf(
                Locale.ROOT,
                "music bed: speech over ducked music %.1f LU (stems); in the -14 LUFS mix, speech stretches %.1f LUFS,"
                        + " music-only stretch %.1f LUFS: %.1f LU apart; mix %.2f LUFS / %.2f dBTP%n",
                mixed.speechOverMusicLu(),
                speech,
                musicOnly,
                speech - musicOnly,
                n.after().integratedLufs(),
                n.after().truePeakDbtp());
        assertTrue(speech - musicOnly >= 12, "speech " + speech + " vs music only " + musicOnly);
        assertTrue(musicOnly > -60, "the bed is audible where nobody speaks: " + musicOnly);
        assertEquals(-14, n.after().integratedLufs(), 1.0);
        assertTrue(n.after().truePeakDbtp() <= -1);
    }

    @Test
    void withoutMusicTheMixIsTheVoiceAndClipSound() {
        Wav voice = LoudnessTest.speechLike(5, 1);
        MusicBed.Mixed mixed = MusicBed.mix(voice, Wav.silence(5, 48_000, 1), null);
        assertTrue(Double.isNaN(mixed.speechOverMusicLu()));
        assertEquals(voice.rmsDbfs(), mixed.mix().rmsDbfs(), 0.01);
    }

    @Test
    void badMusicFilesGetOneLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "la la la");
        Path broken = Files.write(dir.resolve("broken.mp3"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        for (Path p : List.of(dir.resolve("missing.mp3"), text, broken)) {
            StudioException e = assertThrows(StudioException.class, () -> MusicBed.validate(p), p.toString());
            assertTrue(e.getMessage().startsWith("--music") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private static Wav cut(Wav w, double from, double to) {
        return MusicBed.cut(w, List.of(new double[] {from, to}), true);
    }
}
