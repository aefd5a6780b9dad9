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
    /** Makes one take current: its image, how it was made, its score and fingerprint. */
    int setCurrentTake(
            @Param("id") int id,
            @Param("take") int take,
            @Param("imageUrl") String imageUrl,
            @Param("generationParams") java.util.Map<String, Object> generationParams,
            @Param("qualityScore") java.math.BigDecimal qualityScore,
            @Param("fingerprint") String fingerprint);

    int updateDescription(@Param("id") int id, @Param("description") String description);

    int updateTiming(@Param("id") int id, @Param("timingSeconds") int timingSeconds);

    int updateLocked(@Param("id") int id, @Param("locked") boolean locked);
}
