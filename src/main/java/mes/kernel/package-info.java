/**
 * The shared kernel: the few types every feature may use without depending on another feature
 * (how a refusal and a temporary unavailability are said). Plain Java, no framework.
 */
package mes.kernel;
