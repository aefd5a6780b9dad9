package ai.cinboard.ui.view;

import javafx.application.Platform;

/**
 * Fails fast where JavaFX would fail later and elsewhere: a Timeline or AnimationTimer started or stopped off the
 * FX thread races the toolkit's pulse (an NPE on {@code animationRunnable} in QuantumToolkit.pulse, far from
 * the caller).
 */
public final class FxThread {
    private FxThread() {}

    /** Throws unless called on the JavaFX application thread. */
    public static void require(String what) {
        if (!Platform.isFxApplicationThread())
            throw new IllegalStateException(what + " must run on the JavaFX application thread, not on "
                    + Thread.currentThread().getName());
    }
}
