package ai.cinboard.service.export;

import ai.cinboard.domain.Scene;
import ai.cinboard.domain.VideoClip;
import java.util.List;

/** A scene as it sits in the edit: its 1-based place in position order, span, cast and shots. */
public record SceneCut(
        int index,
        Scene scene,
        VideoClip clip,
        List<String> characterNames,
        long recordIn,
        long length,
        List<Shot> shots) {

    public SceneCut {
        characterNames = List.copyOf(characterNames);
        shots = List.copyOf(shots);
    }
}
