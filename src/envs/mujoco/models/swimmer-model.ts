// The MJCF model of Swimmer-v5: a three-link swimmer in a viscous fluid. Every number is that of
// Gymnasium's gymnasium/envs/mujoco/assets/swimmer.xml (timestep 0.01 s with RK4, fluid density
// 4000 and viscosity 0.1; joint armature 0.1; capsules of length 1 and radius 0.1 with density
// 1000; the two rotors' range ±100°; two motors of gear 150 with ctrlrange ±1). Left out:
// textures, materials, the light, colours, the tracking camera and `coordinate="local"`; the
// motors and link geoms are named.

/** Swimmer-v5's model (nq = nv = 5: slider1, slider2, free_body_rot, motor1_rot, motor2_rot; nu = 2). */
export const SWIMMER_XML = `<mujoco model="swimmer">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option density="4000" integrator="RK4" timestep="0.01" viscosity="0.1"/>
  <default>
    <geom conaffinity="0" condim="1" contype="0"/>
    <joint armature="0.1"/>
  </default>
  <worldbody>
    <geom condim="3" name="floor" pos="0 0 -0.1" size="40 40 0.1" type="plane"/>
    <body name="torso" pos="0 0 0">
      <geom density="1000" fromto="1.5 0 0 0.5 0 0" name="front" size="0.1" type="capsule"/>
      <joint axis="1 0 0" name="slider1" pos="0 0 0" type="slide"/>
      <joint axis="0 1 0" name="slider2" pos="0 0 0" type="slide"/>
      <joint axis="0 0 1" name="free_body_rot" pos="0 0 0" type="hinge"/>
      <body name="mid" pos="0.5 0 0">
        <geom density="1000" fromto="0 0 0 -1 0 0" name="mid" size="0.1" type="capsule"/>
        <joint axis="0 0 1" limited="true" name="motor1_rot" pos="0 0 0" range="-100 100" type="hinge"/>
        <body name="back" pos="-1 0 0">
          <geom density="1000" fromto="0 0 0 -1 0 0" name="back" size="0.1" type="capsule"/>
          <joint axis="0 0 1" limited="true" name="motor2_rot" pos="0 0 0" range="-100 100" type="hinge"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="150.0" joint="motor1_rot" name="motor1_rot"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="150.0" joint="motor2_rot" name="motor2_rot"/>
  </actuator>
</mujoco>
`;
