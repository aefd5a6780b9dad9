package ai.cinboard.generation.remote;

import ai.cinboard.domain.StudioException;

/**
 * Thrown when the calling thread was interrupted while a remote engine worked. The engine has already
 * asked the server to stop and has re-set the thread's interrupt flag, so callers up the stack see it too.
 */
public class GenerationCancelledException extends StudioException {
    private static final long serialVersionUID = 1L;

    public GenerationCancelledException(String engine) {
        super(engine + ": generation was cancelled; nothing from this run was kept.");
    }
}
