// The MJCF model of InvertedPendulum-v5: a cart on a rail with a hinged pole. Every number is that
// of Gymnasium's gymnasium/envs/mujoco/assets/inverted_pendulum.xml (timestep 0.02 s with RK4,
// joint damping 1, the cart's range ±1 m, the pole's capsule from (0, 0, 0) to (0.001, 0, 0.6)
// of radius 0.049, a motor of gear 100 with ctrlrange ±3); its lights, colours and the unused
// stack size are left out, since they do not enter the dynamics.

/** InvertedPendulum-v5's model (nq = nv = 2: slider, hinge; nu = 1). */
export const INVERTED_PENDULUM_XML = `<mujoco model="inverted pendulum">
  <compiler inertiafromgeom="true"/>
  <default>
    <joint armature="0" damping="1" limited="true"/>
    <geom contype="0" friction="1 0.1 0.1"/>
    <motor ctrlrange="-3 3"/>
  </default>
  <option gravity="0 0 -9.81" integrator="RK4" timestep="0.02"/>
  <worldbody>
    <geom name="rail" pos="0 0 0" quat="0.707 0 0.707 0" size="0.02 1" type="capsule"/>
    <body name="cart" pos="0 0 0">
      <joint axis="1 0 0" limited="true" name="slider" pos="0 0 0" range="-1 1" type="slide"/>
      <geom name="cart" pos="0 0 0" quat="0.707 0 0.707 0" size="0.1 0.1" type="capsule"/>
      <body name="pole" pos="0 0 0">
        <joint axis="0 1 0" name="hinge" pos="0 0 0" range="-90 90" type="hinge"/>
        <geom fromto="0 0 0 0.001 0 0.6" name="cpole" size="0.049 0.3" type="capsule"/>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor ctrllimited="true" ctrlrange="-3 3" gear="100" joint="slider" name="slide"/>
  </actuator>
</mujoco>
`;
