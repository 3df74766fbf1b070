/**
 * The local adapter: the only code of the controller that knows the local two-region environment
 * (local-regions). It knows that environment's interfaces, not its code: the layout of
 * {@code environment.json} ({@link io.github.fgf.controller.local.LocalEnvironment}) and the alias
 * emulator's control API ({@link io.github.fgf.controller.local.LocalGeoDrClient}). The
 * controller's jar therefore carries no Kafka broker and no local-regions classes.
 */
package io.github.fgf.controller.local;
