package ai.cinboard.testing;

import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.local.LocalImageEngine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/** Image engines for tests: the offline engine's character sheets, with keyframes the test decides. */
public final class ImageEngines {
    private ImageEngines() {}

    /** How a test answers a keyframe request; {@code offline} is the offline engine, to answer as it would. */
    public interface Keyframes {
        GeneratedImage keyframe(KeyframeRequest request, Progress progress, ImageEngine offline);
    }

    /** The offline engine, its keyframes answered by {@code keyframes}. */
    public static ImageEngine withKeyframes(Keyframes keyframes) {
        return offline(keyframes, false);
    }

    /** The offline engine, fingerprinted as an engine that draws keyframes from reference images would be. */
    public static ImageEngine drawingFromReferences() {
        return offline((request, progress, offline) -> offline.keyframe(request, progress), true);
    }

    private static ImageEngine offline(Keyframes keyframes, boolean fromReferences) {
        LocalImageEngine offline = new LocalImageEngine();
        return new ImageEngine() {
            @Override
            public String name() {
                return offline.name();
            }

            @Override
            public String identity() {
                return offline.identity();
            }

            @Override
            public boolean drawsFromReferences() {
                return fromReferences || offline.drawsFromReferences();
            }

            @Override
            public boolean drawsCaptions() {
                return offline.drawsCaptions();
            }

            @Override
            public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
                return offline.characterSheet(request, progress);
            }

            @Override
            public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
                return keyframes.keyframe(request, progress, offline);
            }
        };
    }

    /**
     * A server that takes keyframe requests and never answers, as a hung one: {@code asked} is counted down, and
     * the request waits until its thread is interrupted (a cancel), then ends abandoned.
     */
    public static ImageEngine hangingKeyframes(CountDownLatch asked) {
        return withKeyframes((request, progress, offline) -> {
            asked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new CancellationException("the request was abandoned");
        });
    }
}
