// The MJCF model of Walker2d-v5: a planar biped (torso, and two legs of thigh, leg and foot). Every
// number is that of Gymnasium's gymnasium/envs/mujoco/assets/walker2d_v5.xml (timestep 0.002 s
// with RK4; joint armature 0.01 and damping 0.1 except the three root joints; geom density 1000,
// friction 0.9 for torso, thighs and legs and 1.9 for both feet — v5's fix of the unequal feet;
// the capsules' sizes and positions to the digit; six motors of gear 100 with ctrlrange ±1).
// Left out: textures, materials, the light, colours and the tracking camera; the motors are named.

/** Walker2d-v5's model (nq = nv = 9: rootx, rootz, rooty, then thigh, leg, foot of the right and the left leg; nu = 6). */
export const WALKER2D_XML = `<mujoco model="walker2d">
  <compiler angle="degree" inertiafromgeom="true"/>
  <default>
    <joint armature="0.01" damping=".1" limited="true"/>
    <geom conaffinity="0" condim="3" contype="1" density="1000" friction=".7 .1 .1"/>
  </default>
  <option integrator="RK4" timestep="0.002"/>
  <worldbody>
    <geom conaffinity="1" condim="3" name="floor" pos="0 0 0" size="40 40 40" type="plane"/>
    <body name="torso" pos="0 0 1.25">
      <joint armature="0" axis="1 0 0" damping="0" limited="false" name="rootx" pos="0 0 -1.25" stiffness="0" type="slide"/>
      <joint armature="0" axis="0 0 1" damping="0" limited="false" name="rootz" pos="0 0 -1.25" ref="1.25" stiffness="0" type="slide"/>
      <joint armature="0" axis="0 1 0" damping="0" limited="false" name="rooty" pos="0 0 0" stiffness="0" type="hinge"/>
      <geom friction="0.9" name="torso_geom" size="0.050000000000000003 0.19999999999999996" type="capsule"/>
      <body name="thigh" pos="0 0 -0.19999999999999996">
        <joint axis="0 -1 0" name="thigh_joint" pos="0 0 0" range="-150 0" type="hinge"/>
        <geom friction="0.9" pos="0 0 -0.22500000000000009" name="thigh_geom" size="0.050000000000000003 0.22500000000000003" type="capsule"/>
        <body name="leg" pos="0 0 -0.70000000000000007">
          <joint axis="0 -1 0" name="leg_joint" pos="0 0 0.25" range="-150 0" type="hinge"/>
          <geom friction="0.9" name="leg_geom" size="0.040000000000000001 0.25" type="capsule"/>
          <body name="foot" pos="0.20000000000000001 0 -0.34999999999999998">
            <joint axis="0 -1 0" name="foot_joint" pos="-0.20000000000000001 0 0.10000000000000001" range="-45 45" type="hinge"/>
            <geom friction="1.9" pos="-0.10000000000000001 0 0.10000000000000001" quat="0.70710678118654757 0 -0.70710678118654746 0" name="foot_geom" size="0.059999999999999998 0.10000000000000001" type="capsule"/>
          </body>
        </body>
      </body>
      <body name="thigh_left" pos="0 0 -0.19999999999999996">
        <joint axis="0 -1 0" name="thigh_left_joint" pos="0 0 0" range="-150 0" type="hinge"/>
        <geom friction="0.9" name="thigh_left_geom" size="0.050000000000000003 0.22500000000000003" pos="0 0 -0.22500000000000009" type="capsule"/>
        <body name="leg_left" pos="0 0 -0.70000000000000007">
          <joint axis="0 -1 0" name="leg_left_joint" pos="0 0 0.25" range="-150 0" type="hinge"/>
          <geom friction="0.9" name="leg_left_geom" size="0.040000000000000001 0.25" type="capsule"/>
          <body name="foot_left" pos="0.20000000000000001 0 -0.34999999999999998">
            <joint axis="0 -1 0" name="foot_left_joint" pos="-0.20000000000000001 0 0.10000000000000001" range="-45 45" type="hinge"/>
            <geom friction="1.9" name="foot_left_geom" size="0.059999999999999998 0.10000000000000001" pos="-0.10000000000000001 0 0.10000000000000001" type="capsule" quat="0.70710678118654757 0 -0.70710678118654746 0"/>
          </body>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="thigh_joint" name="thigh_joint"/>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="leg_joint" name="leg_joint"/>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="foot_joint" name="foot_joint"/>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="thigh_left_joint" name="thigh_left_joint"/>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="leg_left_joint" name="leg_left_joint"/>
    <motor ctrllimited="true" ctrlrange="-1.0 1.0" gear="100" joint="foot_left_joint" name="foot_left_joint"/>
  </actuator>
</mujoco>
`;
