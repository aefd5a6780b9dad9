package ai.cinboard.pipeline;

import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.generation.VideoEngine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engines, each call counted. {@code imageModel} and {@code voice} stand in for the model and voice
 * settings of a remote engine: they only change the engines' identity, as a changed setting would.
 */
final class CountingEngines {
    final AtomicInteger sheets = new AtomicInteger();
    final AtomicInteger keyframes = new AtomicInteger();
    final AtomicInteger clips = new AtomicInteger();
    final AtomicInteger speeches = new AtomicInteger();
    final ImageEngine images;
    final VideoEngine video;
    final SpeechEngine speech;

    CountingEngines(
            ImageEngine realImages, VideoEngine realVideo, SpeechEngine realSpeech, String imageModel, String voice) {
        images = new ImageEngine() {
            @Override
            public String name() {
                return realImages.name();
            }

            @Override
            public String identity() {
                return realImages.identity() + "|" + imageModel;
            }

            @Override
            public boolean drawsFromReferences() {
                return realImages.drawsFromReferences();
            }

            @Override
            public boolean drawsCaptions() {
                return realImages.drawsCaptions();
            }

            @Override
            public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
                sheets.incrementAndGet();
                return realImages.characterSheet(request, progress);
            }

            @Override
            public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
                keyframes.incrementAndGet();
                return realImages.keyframe(request, progress);
            }
        };
        video = new VideoEngine() {
            @Override
            public String name() {
                return realVideo.name();
            }

            @Override
            public GeneratedClip clip(ClipRequest request, Progress progress) {
                clips.incrementAndGet();
                return realVideo.clip(request, progress);
            }
        };
        speech = new SpeechEngine() {
            @Override
            public String name() {
                return realSpeech.name();
            }

            @Override
            public String identity() {
                return realSpeech.identity() + "|" + voice;
            }

            @Override
            public Optional<String> unavailableReason() {
                return realSpeech.unavailableReason();
            }

            @Override
            public SpeechResult speak(SpeechRequest request, Progress progress) {
                speeches.incrementAndGet();
                return realSpeech.speak(request, progress);
            }
        };
    }

    void reset() {
        sheets.set(0);
        keyframes.set(0);
        clips.set(0);
        speeches.set(0);
    }
}
