/**
 * Differential privacy for DP-SGD (Abadi et al. 2016): the privacy settings
 * ({@link dev.nabla.privacy.PrivacyConfig}), the Gaussian noise added once per step to the clipped
 * gradient SUM ({@link dev.nabla.privacy.GaussianNoise}), and the Rényi-DP accountant of the Poisson-sampled
 * Gaussian mechanism that turns steps into (ε, δ) ({@link dev.nabla.privacy.RdpAccountant}). The
 * per-sample clipping itself lives in the backward pass ({@code nn.Network.addClippedGradient}); the
 * Poisson sampling in the train package. Imports only {@code nn} (its seeded generator); no Spark.
 */
package dev.nabla.privacy;
