package ai.cinboard.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileNamesAndSha256Test {
    @Test
    void extensionIsTheLastSegmentsLowerCaseSuffix() {
        assertEquals("fountain", FileNames.extension("Act One.FOUNTAIN"));
        assertEquals("mp4", FileNames.extension("cut.final.mp4"));
        assertEquals("", FileNames.extension("README"));
        assertEquals("", FileNames.extension(".profile"));
        assertEquals("", FileNames.extension("dir.d/README"));
        assertEquals("", FileNames.extension((String) null));
        assertEquals("png", FileNames.extension("s3://bucket/sha256/ab/ab12.png"));
        assertEquals("txt", FileNames.extension("C:\\stories\\a.b\\story.txt"));
        assertEquals("wav", FileNames.extension(Path.of("/tmp/x.y/voice.WAV")));
    }

    @Test
    void stemAndSiblingKeepEveryDotButTheLast() {
        assertEquals("cut.final", FileNames.stem(Path.of("/out/cut.final.mp4")));
        assertEquals(".hidden", FileNames.stem(Path.of(".hidden")));
        assertEquals(Path.of("/out/cut.srt"), FileNames.withExtension(Path.of("/out/cut.mp4"), "srt"));
    }

    @Test
    void safeExtensionRefusesPathsAndQueries() {
        assertEquals("png", FileNames.safeExtension(".PNG"));
        assertEquals("mp4", FileNames.safeExtension(" mp4 "));
        assertEquals("bin", FileNames.safeExtension("../../etc/passwd"));
        assertEquals("bin", FileNames.safeExtension("png?x=1"));
        assertEquals("bin", FileNames.safeExtension(""));
        assertEquals("bin", FileNames.safeExtension(null));
    }

    @Test
    void sha256MatchesTheStandardTestVector() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Sha256.hexOf("abc"));
        assertEquals(abc, Sha256.hexOf("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals(abc, Sha256.toHex(Sha256.of("abc")));
        var streaming = Sha256.newDigest();
        streaming.update("a".getBytes(StandardCharsets.UTF_8));
        streaming.update("bc".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(Sha256.of("abc"), streaming.digest());
    }
}
