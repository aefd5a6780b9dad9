package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.KeyframeImage;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code keyframe_images}; SQL in KeyframeImageMapper.xml beside it. */
public interface KeyframeImageMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(KeyframeImage row);

    KeyframeImage findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(KeyframeImage row);

    int deleteById(@Param("id") int id);

    List<KeyframeImage> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    List<KeyframeImage> listByKeyframe(@Param("keyframeId") int keyframeId);
}
