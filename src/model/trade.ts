/**
 * Trade economics of a China-made component offered in a destination, as scalar functions of USD per unit.
 * The kernel, the custom functions and the tests use the same functions (docs/models.md, "Exports").
 *
 *   cost      c = c_local (1 - a) fx                                China ex-works cost per unit
 *   offer     P(tau) = c (1 + f) max((1 + mu)(1 + pi tau), 1 + tau)  price the buyer pays, delivered, duty paid
 *   FOB       P(tau) / ((1 + f)(1 + tau)) = c max((1 + mu)(1 + pi tau) / (1 + tau), 1) >= c
 * The exporter quotes its cost plus margin mu and absorbs the share 1 - pi of a tariff out of that margin, but
 * never more than the margin: below cost it stops absorbing (full pass-through at zero margin), so it never
 * sells below cost. Buyers source from China with the logit share of the relative price gap
 *   sigma* = sigma_max / (1 + exp(-beta (c_local - P) / c_local)),
 * which passes sigma_max / 2 exactly where P = c_local: the break-even tariff tau* is the root of P(tau*) =
 * c_local, where the sourcing rule flips from favouring China to favouring local supply.
 */

/** Multiplier X(tau) of the delivered cost c (1 + f): P = c (1 + f) X. */
export function offerMultiplier(tariff: number, margin: number, passThrough: number): number {
  const absorbed = (1 + margin) * (1 + passThrough * tariff);
  const atCost = 1 + tariff;
  return absorbed > atCost ? absorbed : atCost;
}

/**
 * Price a buyer pays for a China-made unit, delivered and duty paid, USD.
 * @example landedPriceUsd(2000, 0.3, 1, 0.066, 0.5, 0.063, 0.5) // 2238.6 (1400 x 1.066 x max(1.063 x 1.25, 1.5))
 */
export function landedPriceUsd(
  localPriceUsd: number,
  costAdvantage: number,
  fx: number,
  freight: number,
  tariff: number,
  margin: number,
  passThrough: number,
): number {
  return localPriceUsd * (1 - costAdvantage) * fx * (1 + freight) * offerMultiplier(tariff, margin, passThrough);
}

/** FOB value per unit the exporter receives, USD: never below its cost. */
export function fobPriceUsd(chinaCostUsd: number, tariff: number, margin: number, passThrough: number): number {
  return (chinaCostUsd * offerMultiplier(tariff, margin, passThrough)) / (1 + tariff);
}

/**
 * The tariff at which the China offer costs the buyer exactly the local price, i.e. where the sourcing rule
 * flips: the root of max((1 + mu)(1 + pi tau), 1 + tau) = r with r = c_local / (c (1 + f)). Both terms rise with
 * tau, so the root is the smaller of the two single-term roots. Negative when China is dearer even duty free;
 * -Infinity when no tariff or subsidy makes it cheaper (pi = 0 and r below 1 + mu).
 * @example breakEvenTariff(1 / (0.7 * 1.066), 0.063, 0.5) // 0.3401 (e-drive into Europe at the defaults: the margin absorbs 6.3 % only)
 */
export function breakEvenTariff(localOverDelivered: number, margin: number, passThrough: number): number {
  // No local alias of the parameter here: terser 5.51 renamed such an alias onto the parameter's own
  // name in the production bundle ("Cannot access 'e' before initialization"); the browser suite caught it.
  if (passThrough > 0) {
    const absorbing = (localOverDelivered / (1 + margin) - 1) / passThrough;
    return absorbing < localOverDelivered - 1 ? absorbing : localOverDelivered - 1;
  }
  return localOverDelivered >= 1 + margin ? localOverDelivered - 1 : -Infinity;
}

/** Logit target China share of supply. */
export function sourcingTarget(localPriceUsd: number, offerUsd: number, sigmaMax: number, beta: number): number {
  return sigmaMax / (1 + Math.exp((-beta * (localPriceUsd - offerUsd)) / localPriceUsd));
}
