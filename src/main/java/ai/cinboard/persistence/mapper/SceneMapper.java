package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.Scene;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code scenes}; SQL in SceneMapper.xml beside it. */
public interface SceneMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(Scene row);

    Scene findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(Scene row);

    int deleteById(@Param("id") int id);

    int updatePosition(@Param("id") int id, @Param("position") int position);

    List<Scene> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    /** Sets how the scene opens: {@code transition} is a {@link ai.cinboard.domain.Transition.Kind#id()}. */
    int updateTransition(
            @Param("id") int id,
            @Param("transition") String transition,
            @Param("seconds") java.math.BigDecimal seconds);

    /** {@link #updateTransition} for every scene of a project. */
    int updateTransitionOfProject(
            @Param("inputRecordId") int inputRecordId,
            @Param("transition") String transition,
            @Param("seconds") java.math.BigDecimal seconds);

    int updateDuration(@Param("id") int id, @Param("durationSeconds") java.math.BigDecimal durationSeconds);
}
