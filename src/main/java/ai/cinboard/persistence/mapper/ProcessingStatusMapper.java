package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.ProcessingStatus;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code processing_statuses}; SQL in ProcessingStatusMapper.xml beside it. */
public interface ProcessingStatusMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(ProcessingStatus row);

    ProcessingStatus findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(ProcessingStatus row);

    int deleteById(@Param("id") int id);

    /** Retention: deletes statuses created before the cutoff; returns how many. */
    int deleteCreatedBefore(@Param("cutoff") java.time.OffsetDateTime cutoff);

    List<ProcessingStatus> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    /**
     * The latest row of every phase of the {@code projects} most recent input records (the ones the acting user
     * may see), newest project first: the jobs view's history of earlier sessions.
     */
    List<ProcessingStatus> listLatestPerPhase(@Param("projects") int projects);

    /**
     * Marks phases left "running" by a process that died as interrupted, so they can be resumed.
     * Returns the number of phases marked.
     */
    int markRunningAsInterrupted();

    /** Live progress of a running phase. */
    int updateProgress(
            @Param("id") int id,
            @Param("progress") int progress,
            @Param("phaseData") java.util.Map<String, Object> phaseData);
}
