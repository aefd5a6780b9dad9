package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import java.io.IOException;

/** One phase of the render: it makes what the plan marks stale and reports what it did. */
interface RenderPhase {
    Phase phase();

    PhaseReport run(RenderContext context, PhaseRecorder.Run run) throws IOException;
}
