// CartPole-v1 on a 2D canvas: the track with its limits, the cart, and the pole at its angle.

/** CartPole's geometry (Gymnasium): the episode ends at |x| > 2.4 m; the pole is 1 m long. */
const X_THRESHOLD = 2.4;
const POLE_LENGTH = 1;

/** Draws a CartPole from its state, the pole at angle θ from upright (clockwise positive, as in Gymnasium). */
export class CartPoleView {
  /** @param {import('../../dist/src/index.js').CartPole} env the environment drawn (its `getState()`) */
  constructor(env) {
    this.env = env;
  }

  /** Clears `canvas` and draws the track, the cart and the pole. */
  draw(canvas) {
    const context = canvas.getContext('2d');
    const { width, height } = canvas;
    const scale = width / (2 * X_THRESHOLD + 0.6);
    const trackY = height * 0.72;
    const [x, , theta] = this.env.getState();
    context.clearRect(0, 0, width, height);
    context.strokeStyle = '#333';
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(0, trackY);
    context.lineTo(width, trackY);
    for (const limit of [-X_THRESHOLD, X_THRESHOLD]) {
      const px = width / 2 + limit * scale;
      context.moveTo(px, trackY - 10);
      context.lineTo(px, trackY + 10);
    }
    context.stroke();
    const cartX = width / 2 + x * scale;
    const [cartWidth, cartHeight] = [50, 30];
    context.fillStyle = '#333';
    context.fillRect(cartX - cartWidth / 2, trackY - cartHeight / 2, cartWidth, cartHeight);
    const axleY = trackY - cartHeight / 4;
    context.strokeStyle = '#CA9865';
    context.lineWidth = 10;
    context.lineCap = 'butt';
    context.beginPath();
    context.moveTo(cartX, axleY);
    context.lineTo(cartX + POLE_LENGTH * scale * Math.sin(theta), axleY - POLE_LENGTH * scale * Math.cos(theta));
    context.stroke();
    context.fillStyle = '#8184CB';
    context.beginPath();
    context.arc(cartX, axleY, 5, 0, 2 * Math.PI);
    context.fill();
  }
}
