package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the {@code processing_statuses} row of one phase run and moves {@code input_records.status} and
 * {@code current_phase} along with it. Progress is written at most every {@link #PROGRESS_INTERVAL} so a
 * fast loop doesn't flood the database; listeners hear every change.
 */
public final class PhaseRecorder {
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final Database database;
    private final PhaseListener listener;

    public PhaseRecorder(Database database, PhaseListener listener) {
        this.database = database;
        this.listener = listener;
    }

    /** Also tells {@code always} (e.g. the shared status board) of every change. */
    public PhaseRecorder(Database database, PhaseListener listener, PhaseListener always) {
        this(database, StatusBoardPublisher.and(always, listener));
    }

    /** Starts a phase: a new "running" status row, and the record marked as processing in that phase. */
    public Run start(int projectId, Phase phase) {
        return start(projectId, phase, Map.of());
    }

    /** Starts a phase whose {@code phase_data} names who runs it from the first moment (a unit, its worker). */
    public Run start(int projectId, Phase phase, Map<String, Object> runBy) {
        Map<String, Object> data = runBy.isEmpty() ? null : new HashMap<>(runBy);
        int id = database.inTransaction(s -> {
            s.getMapper(InputRecordMapper.class).updateStatus(projectId, RecordStatus.PROCESSING, phase);
            return s.getMapper(ProcessingStatusMapper.class).insert(ProcessingStatus.started(projectId, phase, data));
        });
        Run run = new Run(projectId, id, phase);
        run.phaseData.putAll(runBy);
        run.worker = runBy.get("worker") instanceof String w ? w : null;
        run.emit(PhaseStatus.RUNNING, 0, null);
        return run;
    }

    /** One phase run. Finish it exactly once with complete, skip, fail, block or cancel. */
    public final class Run {
        private final int projectId;
        private final int statusId;
        private final Phase phase;
        private final long startNanos = System.nanoTime();
        /** The render worker running this phase (from its {@code phase_data}), or null. */
        private volatile String worker;

        private final Map<String, Object> phaseData = new HashMap<>();
        private long lastWriteNanos;
        private int lastProgress = -1;

        private Run(int projectId, int statusId, Phase phase) {
            this.projectId = projectId;
            this.statusId = statusId;
            this.phase = phase;
        }

        public int statusId() {
            return statusId;
        }

        public Phase phase() {
            return phase;
        }

        /** Passes an engine's live preview frame on to the listeners; nothing is stored. */
        public void preview(byte[] image) {
            listener.preview(projectId, phase, image);
        }

        /** For engine calls: progress is kept per phase, but their preview frames are passed on. */
        public ai.cinboard.generation.Progress engineProgress() {
            return new ai.cinboard.generation.Progress() {
                @Override
                public void report(double fraction, String message) {}

                @Override
                public void preview(byte[] image) {
                    Run.this.preview(image);
                }
            };
        }

        /** Records progress; {@code data} is merged into {@code phase_data}. */
        public synchronized void progress(int percent, Map<String, Object> data) {
            int clamped = Math.max(0, Math.min(100, percent));
            if (data != null) {
                phaseData.putAll(data);
            }
            long now = System.nanoTime();
            if (clamped != lastProgress && now - lastWriteNanos >= PROGRESS_INTERVAL.toNanos()) {
                lastWriteNanos = now;
                Map<String, Object> snapshot = new HashMap<>(phaseData);
                database.inTransaction(
                        s -> s.getMapper(ProcessingStatusMapper.class).updateProgress(statusId, clamped, snapshot));
            }
            if (clamped != lastProgress) {
                lastProgress = clamped;
                emit(PhaseStatus.RUNNING, clamped, null);
            }
        }

        public void complete(Map<String, Object> data) {
            finish(PhaseStatus.COMPLETED, 100, data, null, null);
        }

        /** Skipped is not a failure: the phase had nothing to do, and {@code reason} says why. */
        public void skip(String reason, Map<String, Object> data) {
            Map<String, Object> withReason = new HashMap<>(data == null ? Map.of() : data);
            withReason.put("skipped_reason", reason);
            finish(PhaseStatus.SKIPPED, 100, withReason, null, null);
        }

        public void fail(String message, Map<String, Object> details) {
            finish(PhaseStatus.FAILED, lastProgress < 0 ? 0 : lastProgress, null, message, details);
        }

        public void block(String message, Map<String, Object> details) {
            finish(PhaseStatus.BLOCKED, 100, null, message, details);
        }

        public void cancel() {
            finish(PhaseStatus.CANCELLED, lastProgress < 0 ? 0 : lastProgress, null, "Cancelled by the user.", null);
        }

        private synchronized void finish(
                PhaseStatus status,
                int progress,
                Map<String, Object> data,
                String message,
                Map<String, Object> details) {
            if (data != null) {
                phaseData.putAll(data);
            }
            int seconds = (int) Math.round((System.nanoTime() - startNanos) / 1e9);
            Map<String, Object> finalData = phaseData.isEmpty() ? null : new HashMap<>(phaseData);
            database.useTransaction(s -> {
                ProcessingStatusMapper statuses = s.getMapper(ProcessingStatusMapper.class);
                ProcessingStatus row = statuses.findById(statusId);
                statuses.update(new ProcessingStatus(
                        statusId,
                        projectId,
                        phase,
                        status,
                        progress,
                        finalData,
                        message,
                        details,
                        row.createdAt(),
                        row.startedAt(),
                        OffsetDateTime.now(),
                        seconds));
                RecordStatus recordStatus = switch (status) {
                    case FAILED -> RecordStatus.FAILED;
                    case BLOCKED -> RecordStatus.BLOCKED;
                    case CANCELLED -> RecordStatus.CANCELLED;
                    default -> RecordStatus.PROCESSING;
                };
                s.getMapper(InputRecordMapper.class).updateStatus(projectId, recordStatus, phase);
            });
            // a skipped phase says why (its reason is kept in phase_data, not as an error)
            emit(status, progress, status == PhaseStatus.SKIPPED ? (String) phaseData.get("skipped_reason") : message);
        }

        private void emit(PhaseStatus status, int progress, String message) {
            listener.changed(new PhaseListener.PhaseEvent(
                    projectId,
                    statusId,
                    phase,
                    status,
                    progress,
                    message,
                    (System.nanoTime() - startNanos) / 1_000_000,
                    worker));
        }
    }
}
