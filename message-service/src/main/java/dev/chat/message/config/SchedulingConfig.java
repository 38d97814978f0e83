package dev.chat.message.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the @Scheduled housekeeping (the change feed's retention). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
