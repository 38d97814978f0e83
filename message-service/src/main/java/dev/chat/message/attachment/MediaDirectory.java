package dev.chat.message.attachment;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MediaUploaded;
import dev.chat.events.Topics;
import dev.chat.events.kafka.ReadableRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects READY media from {@code chat.media.v1} into {@code media}, so a send checks its attachments locally (owned
 * by the sender, stored) without a call to media-service. Idempotent by itself (an insert that keeps the first row:
 * media never changes once READY), so no dedupe marker is written.
 */
@Component
class MediaDirectory {

    static final String CONSUMER = "message-service.media";

    private final AttachmentStore store;

    MediaDirectory(AttachmentStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.MEDIA, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event != null && event.payload() instanceof MediaUploaded m && m.mediaId() != null && m.ownerId() != null) {
            store.addMedia(m);
        }
    }
}
