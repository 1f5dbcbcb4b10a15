// The MJCF model of InvertedDoublePendulum-v5: a cart with two hinged poles and a site at the tip.
// Every number is that of Gymnasium's gymnasium/envs/mujoco/assets/inverted_double_pendulum.xml
// (timestep 0.01 s with RK4, gravity (1e-5, 0, −9.81), joint damping 0.05, the slider's range
// ±1 m with margin 0.01, two capsules of length 0.6 and radius 0.045, a motor of gear 500 with
// ctrlrange ±1). Left out: colours, the unused stack size and frame-skip note, and
// `coordinate="local"`, MuJoCo's only coordinate convention since 2.3.3.

/** InvertedDoublePendulum-v5's model (nq = nv = 3: slider, hinge, hinge2; nu = 1; site 0 "tip"). */
export const INVERTED_DOUBLE_PENDULUM_XML = `<mujoco model="cartpole">
  <compiler inertiafromgeom="true"/>
  <default>
    <joint damping="0.05"/>
    <geom contype="0" friction="1 0.1 0.1"/>
  </default>
  <option gravity="1e-5 0 -9.81" integrator="RK4" timestep="0.01"/>
  <worldbody>
    <geom name="floor" pos="0 0 -3.0" size="40 40 40" type="plane"/>
    <geom name="rail" pos="0 0 0" quat="0.707 0 0.707 0" size="0.02 1" type="capsule"/>
    <body name="cart" pos="0 0 0">
      <joint axis="1 0 0" limited="true" margin="0.01" name="slider" pos="0 0 0" range="-1 1" type="slide"/>
      <geom name="cart" pos="0 0 0" quat="0.707 0 0.707 0" size="0.1 0.1" type="capsule"/>
      <body name="pole" pos="0 0 0">
        <joint axis="0 1 0" name="hinge" pos="0 0 0" type="hinge"/>
        <geom fromto="0 0 0 0 0 0.6" name="cpole" size="0.045 0.3" type="capsule"/>
        <body name="pole2" pos="0 0 0.6">
          <joint axis="0 1 0" name="hinge2" pos="0 0 0" type="hinge"/>
          <geom fromto="0 0 0 0 0 0.6" name="cpole2" size="0.045 0.3" type="capsule"/>
          <site name="tip" pos="0 0 .6" size="0.01 0.01"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="500" joint="slider" name="slide"/>
  </actuator>
</mujoco>
`;
