package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.InputRecord;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code input_records}; SQL in InputRecordMapper.xml beside it. */
public interface InputRecordMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(InputRecord row);

    InputRecord findById(@Param("id") int id);

    /** The records with these ids (those that still exist), in one query. */
    List<InputRecord> listByIds(@Param("ids") List<Integer> ids);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(InputRecord row);

    int deleteById(@Param("id") int id);

    /**
     * One row per project of the user for the library, newest first: id, status, detected_language,
     * created_at, head (the story's first 300 characters) and thumbnail_url (latest final video's first
     * thumbnail, else the first keyframe). One statement for the whole library.
     */
    List<java.util.Map<String, Object>> listSummaries(@Param("userId") int userId);

    /** The user's projects, newest first. */
    List<InputRecord> listByUser(@Param("userId") int userId);

    /** Projects left "processing" by a studio that stopped; returns how many were marked interrupted. */
    int markProcessingAsInterrupted();

    /** The user's most recent project with exactly this story, if any: render resumes it instead of starting over. */
    InputRecord findLatestByUserAndInput(@Param("userId") int userId, @Param("rawInput") String rawInput);

    /** Sets the project's status alone, keeping the phase it was in. */
    int updateStatusOnly(@Param("id") int id, @Param("status") ai.cinboard.domain.RecordStatus status);

    /** Moves the project along: its status and the phase it is in. */
    int updateStatus(
            @Param("id") int id,
            @Param("status") ai.cinboard.domain.RecordStatus status,
            @Param("phase") ai.cinboard.domain.Phase phase);

    /** The project's {@code render_settings} as JSON text (composition settings kept with the project). */
    String findRenderSettings(@Param("id") int id);

    /** Replaces the keys {@code replaced} of the project's render settings by {@code settings}; other keys stay. */
    int updateRenderSettings(
            @Param("id") int id,
            @Param("replaced") java.util.List<String> replaced,
            @Param("settings") java.util.Map<String, Object> settings);
}
