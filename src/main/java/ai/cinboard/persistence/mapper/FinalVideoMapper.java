package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.FinalVideo;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code final_videos}; SQL in FinalVideoMapper.xml beside it. */
public interface FinalVideoMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(FinalVideo row);

    FinalVideo findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(FinalVideo row);

    int deleteById(@Param("id") int id);

    /** Sets delivered_at to now: the creator exported this video. */
    int markDelivered(@Param("id") int id);

    List<FinalVideo> listByInputRecord(@Param("inputRecordId") int inputRecordId);
}
