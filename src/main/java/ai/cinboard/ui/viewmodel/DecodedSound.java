package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The sound of whichever file a URL property names (the voiceover, the final video), decoded in the background
 * each time the URL changes: null while there is none or it is being decoded, so only one file's sound is held.
 */
final class DecodedSound {
    private final ReadOnlyObjectWrapper<PcmAudio> pcm = new ReadOnlyObjectWrapper<>(this, "pcm");
    private TaskHandle decoding = TaskHandle.DONE;

    DecodedSound(
            ObservableValue<String> url,
            MediaPreviewService media,
            TaskExecutor executor,
            Notifier notifier,
            String action) {
        url.addListener((o, a, next) -> {
            decoding.cancel();
            pcm.set(null);
            if (next == null) return;
            decoding = executor.submit(
                    () -> media.audio(next),
                    decoded -> {
                        if (next.equals(url.getValue())) pcm.set(decoded);
                    },
                    e -> notifier.error(action, e));
        });
    }

    ReadOnlyObjectProperty<PcmAudio> pcmProperty() {
        return pcm.getReadOnlyProperty();
    }
}
