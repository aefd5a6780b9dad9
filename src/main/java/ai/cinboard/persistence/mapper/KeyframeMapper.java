package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.Keyframe;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code keyframes}; SQL in KeyframeMapper.xml beside it. */
public interface KeyframeMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(Keyframe row);

    Keyframe findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(Keyframe row);

    int deleteById(@Param("id") int id);

    List<Keyframe> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    List<Keyframe> listByScene(@Param("sceneId") int sceneId);
}
