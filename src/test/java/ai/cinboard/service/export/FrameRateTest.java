package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameRateTest {

    @Test
    void dropFrameSkipsTwoLabelsEachMinuteExceptTenths() {
        FrameRate df = FrameRate.FPS_29_97_DF;
        assertEquals("00:00:59;29", df.timecode(1799));
        assertEquals("00:01:00;02", df.timecode(1800));
        assertEquals("00:09:59;29", df.timecode(17981));
        assertEquals("00:10:00;00", df.timecode(17982));
        assertEquals("01:00:00;00", df.timecode(107892));
        assertEquals(107892, df.framesOf("01:00:00;00"));
    }

    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void timecodeRoundTripsEveryFrameOfTheFirstElevenMinutes(FrameRate rate) {
        for (long f = 0; f < 11 * 60 * 30; f++) {
            assertEquals(f, rate.framesOf(rate.timecode(f)), () -> rate + " " + rate.timecode(0));
        }
    }

    @Test
    void ntscRatesUseThousandOneFrameDurations() {
        assertEquals("1001/24000s", FrameRate.FPS_23_976.fcpxmlFrameDuration());
        assertEquals("1001/30000s", FrameRate.FPS_29_97.fcpxmlFrameDuration());
        assertEquals("100/2400s", FrameRate.FPS_24.fcpxmlFrameDuration());
        assertEquals("100/2500s", FrameRate.FPS_25.fcpxmlFrameDuration());
        assertEquals("48048/24000s", FrameRate.FPS_23_976.fcpxmlTime(48));
        assertEquals(24, FrameRate.FPS_23_976.timebase());
        assertEquals(true, FrameRate.FPS_23_976.ntsc());
    }

    @Test
    void secondsRoundToTheNearestFrame() {
        assertEquals(101, FrameRate.FPS_24.framesFor(new BigDecimal("4.2"))); // 100.8
        assertEquals(120, FrameRate.FPS_23_976.framesFor(new BigDecimal("5.0"))); // 119.88
        assertEquals(150, FrameRate.FPS_29_97.framesFor(new BigDecimal("5.005")));
        assertEquals(0, FrameRate.FPS_25.framesFor(null));
        assertEquals(5005, FrameRate.FPS_23_976.millisAt(120));
    }

    @Test
    void parsesWhatPeopleType() {
        assertEquals(FrameRate.FPS_29_97_DF, FrameRate.parse("29.97DF"));
        assertEquals(FrameRate.FPS_23_976, FrameRate.parse(" 23.976 "));
        assertThrows(ai.cinboard.domain.StudioException.class, () -> FrameRate.parse("60"));
    }
}
