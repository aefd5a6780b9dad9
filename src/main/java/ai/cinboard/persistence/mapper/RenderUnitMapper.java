package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.RenderWorker;
import ai.cinboard.domain.UnitState;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Render units as the job engine (db-scheduler's {@code scheduled_tasks}) and the recorded phases show them, and
 * the workers online. The engine's table is only read here (the engine writes it), but for releasing a stopped
 * studio's units on its own database.
 */
public interface RenderUnitMapper {
    /** Inserts the worker's row, or takes over a row of the same name left by a worker that died. */
    void workerStarted(RenderWorker worker);

    /** The worker is alive now; its row is put back if it went missing. */
    void workerAlive(RenderWorker worker);

    /** Asks the database something trivial: whether it answers. */
    int ping();

    /** The worker of that name, if it was seen within {@code seconds}: the name is taken. */
    java.util.Optional<RenderWorker> workerSeen(@Param("name") String name, @Param("seconds") double seconds);

    int workerStopped(@Param("name") String name);

    /** Workers seen within {@code seconds}. */
    List<RenderWorker> onlineWorkers(@Param("seconds") double seconds);

    /**
     * Every unit of the project: queued or running ones from the engine, finished ones from their latest recorded
     * run, with the number of runs so far.
     */
    List<UnitState> units(@Param("projectId") int projectId, @Param("taskName") String taskName);

    /**
     * Marks the unit's phases still "running" as interrupted, {@code reason} their error: the engine runs a unit once
     * at a time, so when it runs again those rows belong to a run that ended (a worker that died, or a run that lost
     * the database and resumes).
     */
    int orphansInterrupted(
            @Param("projectId") int projectId, @Param("unit") String unit, @Param("reason") String reason);

    /**
     * Whether the engine still holds this run of the unit for the worker: picked by it, at the version it picked.
     * A run whose heartbeats stopped too long (the database was unreachable) may have been revived meanwhile.
     */
    boolean heldBy(
            @Param("taskName") String taskName,
            @Param("unit") String unit,
            @Param("worker") String worker,
            @Param("version") long version);

    /** Marks the rows of one run that a worker's stop cut short as interrupted, {@code reason} their error. */
    int runHandedBack(@Param("statusIds") Collection<Integer> statusIds, @Param("reason") String reason);

    /**
     * Gives one run of a unit back to the engine as if never picked, its failures uncounted: a stopping worker's
     * unit, which any worker then takes. Nothing if the engine gave the run to another worker meanwhile.
     */
    int handBack(@Param("taskName") String taskName, @Param("unit") String unit, @Param("version") long version);

    /**
     * Hands every running unit back to the queue, as if never picked: only for a studio that owns its database,
     * where a unit still marked running at start-up was left by a studio that stopped. The engine would revive it
     * after missed heartbeats too, but count the crash as a failed attempt and make the next render wait.
     */
    int releasePicked(@Param("taskName") String taskName);

    /** How many units of the project the engine still holds (queued, running, or waiting to retry). */
    int pendingUnits(@Param("prefix") String prefix, @Param("taskName") String taskName);

    /**
     * How many units of the project are running, under the team's task or any studio's own ({@code task} and
     * {@code task@studio}).
     */
    int runningUnits(@Param("prefix") String prefix, @Param("task") String task);

    /** Records that the project's render is cancelled (again, if it was before). */
    void renderCancelled(@Param("projectId") int projectId);

    /** The project is queued again: its render is no longer cancelled. */
    int cancellationCleared(@Param("projectId") int projectId);

    /** The unit failed for good in the project's current render: nothing queues it again until a new render. */
    void unitGaveUp(@Param("projectId") int projectId, @Param("unit") String unit, @Param("error") String error);

    /** Keys of the project's units that failed for good in its current render. */
    List<String> unitsGivenUp(@Param("projectId") int projectId);

    /** The project is queued again: its units may run again. */
    int givenUpCleared(@Param("projectId") int projectId);

    boolean isCancelled(@Param("projectId") int projectId);

    /** Those of the projects whose render is cancelled. */
    List<Integer> cancelledAmong(@Param("projectIds") Collection<Integer> projectIds);
}
