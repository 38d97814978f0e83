package dev.chat.notification.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** For the periodic check of the conversation index (membership.IndexRebuild). */
@Configuration
@EnableScheduling
class SchedulingConfig {
}
