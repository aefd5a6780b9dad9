package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.VideoClip;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code video_clips}; SQL in VideoClipMapper.xml beside it. */
public interface VideoClipMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(VideoClip row);

    VideoClip findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(VideoClip row);

    int deleteById(@Param("id") int id);

    List<VideoClip> listByInputRecord(@Param("inputRecordId") int inputRecordId);

    List<VideoClip> listByScene(@Param("sceneId") int sceneId);

    int deleteByScene(@Param("sceneId") int sceneId);
}
