package dev.chat.media.metadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MediaRepository {

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Media media) {
        jdbc.sql("""
                insert into media (id, owner_id, status, content_type, size_bytes, object_key, filename, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(media.id(), media.ownerId(), media.status().name(), media.contentType(), media.sizeBytes(),
                        media.objectKey(), media.filename(), Timestamp.from(media.createdAt()))
                .update();
    }

    /** The media, whoever owns it (the caller decides who may see it). */
    public Optional<Media> find(UUID id) {
        return jdbc.sql("select * from media where id = ?")
                .params(id)
                .query(MediaRepository::map)
                .optional();
    }

    /** The media if {@code ownerId} owns it; empty for a missing id and for someone else's media alike. */
    public Optional<Media> findOwned(UUID id, UUID ownerId) {
        return jdbc.sql("select * from media where id = ? and owner_id = ?")
                .params(id, ownerId)
                .query(MediaRepository::map)
                .optional();
    }

    /** @return false when it was not PENDING any more (a concurrent completion won) */
    public boolean markReady(UUID id) {
        return jdbc.sql("update media set status = 'READY' where id = ? and status = 'PENDING'")
                .params(id)
                .update() == 1;
    }

    private static Media map(ResultSet rs, int row) throws SQLException {
        return new Media(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                Media.Status.valueOf(rs.getString("status")), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("object_key"), rs.getString("filename"),
                rs.getTimestamp("created_at").toInstant());
    }
}
